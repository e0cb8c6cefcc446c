// Build the site's front-end assets from pinned npm packages into static_src/build/
// (git-ignored; Django's staticfiles serves it like the rest of static_src/).
//
//   npm ci && npm run build      (what `make assets` does)
//
// 1. map/world.svg: the world's countries from Natural Earth (public domain, via the
//    world-atlas package), drawn with the Natural Earth projection. The server places the
//    partner cities on it with the same projection computed in Python (cities/map.py), so
//    the constants below must match PROJECTION there; a test compares them.
// 2. fonts/: the self-hosted variable fonts (Fraunces for headings, Public Sans for text)
//    and their licences. site.css declares them with @font-face.
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

const FONTS = [
    ["@fontsource-variable/fraunces", ["fraunces-latin-opsz-normal.woff2", "fraunces-latin-ext-opsz-normal.woff2"]],
    [
        "@fontsource-variable/public-sans",
        [
            "public-sans-latin-wght-normal.woff2",
            "public-sans-latin-ext-wght-normal.woff2",
            "public-sans-latin-wght-italic.woff2",
            "public-sans-latin-ext-wght-italic.woff2",
        ],
    ],
];

function copyFonts() {
    const target = join(OUT, "fonts");
    mkdirSync(target, { recursive: true });
    for (const [pkg, files] of FONTS) {
        for (const file of files) {
            copyFileSync(join(MODULES, pkg, "files", file), join(target, file));
        }
        const name = pkg.split("/").pop();
        copyFileSync(join(MODULES, pkg, "LICENSE"), join(target, `${name}-LICENSE.txt`));
    }
}

function copyFlags() {
    cpSync(join(MODULES, "flag-icons", "flags", "4x3"), join(OUT, "flags"), { recursive: true });
    copyFileSync(join(MODULES, "flag-icons", "LICENSE"), join(OUT, "flags", "LICENSE.txt"));
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, "map"), { recursive: true });
const svg = worldMap();
writeFileSync(join(OUT, "map", "world.svg"), svg);
copyFonts();
copyFlags();
console.log(`Built ${OUT}: map/world.svg (${Math.round(svg.length / 1024)} KB), fonts/ and flags/.`);
