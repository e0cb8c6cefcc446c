// Build the site's front-end assets from pinned npm packages into static_src/build/
// (git-ignored; Django's staticfiles serves it like the rest of static_src/).
//
//   npm ci && npm run build      (what `make assets` does)
//
// 1. map/world.svg: the world's countries from Natural Earth (public domain, via the
//    world-atlas package), drawn with the Natural Earth projection. The server places the
//    partner cities on it with the same projection computed in Python (cities/map.py), so
//    the constants below must match PROJECTION there; a test compares them.
// 2. fonts/: the self-hosted variable fonts (Fraunces for headings, Public Sans for text),
//    their licences, and fonts.css, the @font-face rules for them, written from the same list
//    (FONTS below) that picks the files. templates/base.html links it before site.css.
// 3. flags/: every country's flag as a small SVG (flag-icons, MIT), shown beside country names.
// Nothing is fetched from the network: everything comes from node_modules.

import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { geoGraticule10, geoNaturalEarth1, geoPath } from "d3-geo";
import { feature, mesh } from "topojson-client";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const MODULES = join(ROOT, "node_modules");
const OUT = join(ROOT, "static_src", "build");

// Keep in step with cities/map.py (PROJECTION).
export const PROJECTION = { name: "naturalEarth1", width: 1000, height: 520, scale: 180 };
// Antarctica (ISO 3166-1 numeric 010) has no partner city and would take a fifth of the height.
const LEFT_OUT = new Set(["010"]);

function worldMap() {
    const topology = JSON.parse(readFileSync(join(MODULES, "world-atlas", "countries-110m.json"), "utf8"));
    const { width, height, scale } = PROJECTION;
    const projection = geoNaturalEarth1()
        .scale(scale)
        .translate([width / 2, height / 2]);
    const path = geoPath(projection).digits(1);

    const countries = feature(topology, topology.objects.countries).features.filter(
        (country) => !LEFT_OUT.has(String(country.id)),
    );
    const land = countries.map((country) => path(country)).join("");
    // Borders between countries only (the coastline is the land's own outline).
    const borders = path(mesh(topology, topology.objects.countries, (a, b) => a !== b));
    const sphere = path({ type: "Sphere" });
    const graticule = path(geoGraticule10());

    // Colours are set here: the page's CSS does not reach inside an <image>.
    return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" data-projection="${PROJECTION.name}" data-scale="${scale}">
<title>World map</title>
<desc>Country outlines from Natural Earth (public domain), via the world-atlas package.</desc>
<path d="${sphere}" fill="#d7e8ef"/>
<path d="${graticule}" fill="none" stroke="#bcd6e0" stroke-width="0.5"/>
<path d="${land}" fill="#f6f1e6" stroke="#8f8570" stroke-width="0.6" stroke-linejoin="round"/>
<path d="${borders}" fill="none" stroke="#c2b79f" stroke-width="0.4" stroke-linejoin="round"/>
<path d="${sphere}" fill="none" stroke="#9fbfcb" stroke-width="1"/>
</svg>
`;
}

// The self-hosted fonts: each family's files are copied from its @fontsource-variable package and
// declared in fonts/fonts.css, one @font-face a file, with the unicode-range the package gives
// for the subset (its unicode.json), so a browser downloads only the subsets a page uses.
// templates/base.html links fonts.css before site.css, and preloads the body text's file.
const FONT_SUBSETS = ["latin", "latin-ext"];
const FONTS = [
    // Public Sans, the text: upright and italic, the weight axis.
    { family: "Public Sans", pkg: "@fontsource-variable/public-sans", axis: "wght", styles: ["normal", "italic"] },
    // Fraunces, the headings: upright only, the optical-size axis (which includes the weights).
    { family: "Fraunces", pkg: "@fontsource-variable/fraunces", axis: "opsz", styles: ["normal"] },
];

function fontFile(pkg, subset, axis, style) {
    return `${pkg.split("/").pop()}-${subset}-${axis}-${style}.woff2`;
}

function buildFonts() {
    const target = join(OUT, "fonts");
    mkdirSync(target, { recursive: true });
    const faces = [];
    for (const { family, pkg, axis, styles } of FONTS) {
        const ranges = JSON.parse(readFileSync(join(MODULES, pkg, "unicode.json"), "utf8"));
        for (const style of styles) {
            for (const subset of FONT_SUBSETS) {
                const file = fontFile(pkg, subset, axis, style);
                copyFileSync(join(MODULES, pkg, "files", file), join(target, file));
                faces.push(`@font-face {
    font-family: "${family}";
    font-style: ${style};
    font-weight: 100 900;
    font-display: swap;
    src: url("${file}") format("woff2");
    unicode-range: ${ranges[subset].split(",").join(", ")};
}
`);
            }
        }
        const name = pkg.split("/").pop();
        copyFileSync(join(MODULES, pkg, "LICENSE"), join(target, `${name}-LICENSE.txt`));
    }
    const header = "/* Made by frontend/build.mjs from its FONTS list: do not edit. */\n\n";
    writeFileSync(join(target, "fonts.css"), header + faces.join("\n"));
    return faces.length;
}

function copyFlags() {
    cpSync(join(MODULES, "flag-icons", "flags", "4x3"), join(OUT, "flags"), { recursive: true });
    copyFileSync(join(MODULES, "flag-icons", "LICENSE"), join(OUT, "flags", "LICENSE.txt"));
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, "map"), { recursive: true });
const svg = worldMap();
writeFileSync(join(OUT, "map", "world.svg"), svg);
const faces = buildFonts();
copyFlags();
console.log(`Built ${OUT}: map/world.svg (${Math.round(svg.length / 1024)} KB), fonts/ (${faces} faces) and flags/.`);
