// Build the site's front-end assets from pinned npm packages into static_src/build/
// (git-ignored; Django's staticfiles serves it like the rest of static_src/).
//
//   npm ci && npm run build      (what `make assets` does)
//
// 1. map/world.svg: the world's countries from Natural Earth (public domain, via the
//    world-atlas package), simplified and drawn with the Natural Earth projection. The server
//    places the partner cities on it with the same projection computed in Python
//    (cities/map.py), so the constants below must match PROJECTION there; a test compares them.
// 2. fonts/: the self-hosted variable fonts (Fraunces for headings, Public Sans for text),
//    subset to the characters and axes the site uses, their licences, and fonts.css, the
//    @font-face rules for them, written from the same list (FONTS below) that picks the files.
//    templates/base.html links it before site.css.
// 3. flags/: every country's flag as a small SVG (flag-icons, MIT), shown beside country names.
// Nothing is fetched from the network: everything comes from node_modules. Each file is made
// small enough for the city directory to weigh under 150 KB on a first visit
// (tests/browser/test_page_weight.py; tests/test_assets.py holds each file to its own limit).

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { geoGraticule, geoNaturalEarth1, geoPath } from "d3-geo";
import subsetFont from "subset-font";
import svgpath from "svgpath";
import { optimize } from "svgo";
import { merge, mesh } from "topojson-client";
import { presimplify, quantile, simplify, sphericalTriangleArea } from "topojson-simplify";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const MODULES = join(ROOT, "node_modules");
const OUT = join(ROOT, "static_src", "build");

// Keep in step with cities/map.py (PROJECTION).
export const PROJECTION = { name: "naturalEarth1", width: 1000, height: 520, scale: 180 };
// Antarctica (ISO 3166-1 numeric 010) has no partner city and would take a fifth of the height.
const LEFT_OUT = new Set(["010"]);

// The map is drawn 1000 units wide and shown at most about that size (the directory), or a
// 300-unit window of it enlarged about twice (a city's locator map): Natural Earth's 1:110m
// outlines keep MAP_DETAIL of their points (topojson-simplify: Visvalingam's method, the points
// whose triangles cover the least area of the sphere go first), and svgo writes the paths with one
// decimal (a tenth of a unit, under a pixel even on the locator), in relative coordinates.
const MAP_DETAIL = 0.5;

function worldMap() {
    let topology = JSON.parse(readFileSync(join(MODULES, "world-atlas", "countries-110m.json"), "utf8"));
    topology = presimplify(topology, sphericalTriangleArea);
    topology = simplify(topology, quantile(topology, MAP_DETAIL));
    const { width, height, scale } = PROJECTION;
    const projection = geoNaturalEarth1()
        .scale(scale)
        .translate([width / 2, height / 2]);
    const path = geoPath(projection).digits(1);

    const countries = topology.objects.countries.geometries.filter((country) => !LEFT_OUT.has(String(country.id)));
    // The land as one shape: its outline is the coastline, each border is drawn once (below).
    const land = path(merge(topology, countries));
    // Borders between countries only.
    const borders = path(mesh(topology, topology.objects.countries, (a, b) => a !== b));
    const sphere = path({ type: "Sphere" });
    // Every 10 degrees; the projection adds the points the meridians' curves need.
    const graticule = path(geoGraticule().step([10, 10]).precision(10)());

    // Colours are set here: the page's CSS does not reach inside an <image>. A border is a light
    // line edged with the coast's colour: the same path drawn twice (<use>), wide and dark, then
    // narrow and light.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" data-projection="${PROJECTION.name}" data-scale="${scale}">
<title>World map</title>
<desc>Country outlines from Natural Earth (public domain), via the world-atlas package.</desc>
<defs><path id="borders" d="${borders}"/></defs>
<path d="${sphere}" fill="#d7e8ef"/>
<path d="${graticule}" fill="none" stroke="#bcd6e0" stroke-width="0.5"/>
<path d="${land}" fill="#f6f1e6" stroke="#8f8570" stroke-width="0.6" stroke-linejoin="round"/>
<use href="#borders" fill="none" stroke="#8f8570" stroke-width="0.6" stroke-linejoin="round"/>
<use href="#borders" fill="none" stroke="#c2b79f" stroke-width="0.4" stroke-linejoin="round"/>
<path d="${sphere}" fill="none" stroke="#9fbfcb" stroke-width="1"/>
</svg>
`;
    return optimize(svg, {
        multipass: true,
        plugins: [{ name: "preset-default", params: { overrides: { convertPathData: { floatPrecision: 1 } } } }],
    }).data;
}

// The self-hosted fonts, subset at build time (subset-font, HarfBuzz's subsetter) to what the site
// writes and the styles in css/site.css use: each family's files come from its @fontsource-variable
// package and are cut down to CHARACTERS, with their variable axes narrowed to AXES (HarfBuzz
// re-instances the font; the unused ends of an axis are dropped). fonts/fonts.css declares each
// file with its unicode-range, so a browser downloads a file only when a page has one of its
// characters: English and Spanish need the "latin" file alone, a partner city named Łódź or
// İzmir brings the "latin-ext" one. templates/base.html links fonts.css before site.css and
// preloads the body text's latin file (PRELOADED), the one every page's first paint needs.
const range = (first, last = first) => [first, last];
const CHARACTERS = {
    // English and Spanish: Basic Latin, Latin-1 Supplement (á é í ñ ó ú ü ¡ ¿ « » ·), the few other
    // letters of the package's latin file (ı Œ œ), and typographic punctuation (– — ‘ ’ “ ” … • € ™ −).
    latin: [
        range(0x20, 0x7e), range(0xa0, 0xff), range(0x131), range(0x152, 0x153), range(0x2c6), range(0x2da),
        range(0x2dc), range(0x2013, 0x2014), range(0x2018, 0x201a), range(0x201c, 0x201e), range(0x2020, 0x2022),
        range(0x2026), range(0x2030), range(0x2039, 0x203a), range(0x2044), range(0x20ac), range(0x2122),
        range(0x2212),
    ],
    // Partner cities' and people's names: Latin Extended-A (Ā ą Č ę Ğ İ ł Ń ő Ś ş Ž ...) and
    // Romanian's comma-below letters (Ș ș Ț ț).
    "latin-ext": [range(0x100, 0x17f), range(0x218, 0x21b)],
};
// The weights site.css uses are 400 (text), 600, 650 and 700 (headings, bold): 400 to 700 is kept.
const WEIGHTS = { min: 400, max: 700 };
const FONTS = [
    // Public Sans, the text: upright and italic, the weight axis.
    {
        family: "Public Sans",
        pkg: "@fontsource-variable/public-sans",
        axis: "wght",
        styles: ["normal", "italic"],
        axes: { wght: WEIGHTS },
    },
    // Fraunces, the headings: upright only, weight and optical size (font-optical-sizing: auto
    // follows the font size: 17 px for the smallest heading, 54 px for the largest, --step-4).
    {
        family: "Fraunces",
        pkg: "@fontsource-variable/fraunces",
        axis: "opsz",
        styles: ["normal"],
        axes: { wght: WEIGHTS, opsz: { min: 16, max: 56 } },
    },
];
export const PRELOADED = "public-sans-latin-normal.woff2";

function codePoints(ranges) {
    return ranges.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i));
}

function unicodeRange(ranges) {
    const hex = (n) => n.toString(16).toUpperCase().padStart(4, "0");
    return ranges
        .map(([first, last]) => (first === last ? `U+${hex(first)}` : `U+${hex(first)}-${hex(last)}`))
        .join(", ");
}

// The package's own unicode-range for a subset ("U+0000-00FF,U+0131,..."), as [first, last] pairs.
function packageRanges(text) {
    return text.split(",").map((part) => {
        const [first, last = first] = part.replace("U+", "").split("-");
        return [parseInt(first, 16), parseInt(last, 16)];
    });
}

async function buildFonts() {
    const target = join(OUT, "fonts");
    mkdirSync(target, { recursive: true });
    const faces = [];
    for (const { family, pkg, axis, styles, axes } of FONTS) {
        const name = pkg.split("/").pop();
        const packaged = JSON.parse(readFileSync(join(MODULES, pkg, "unicode.json"), "utf8"));
        for (const style of styles) {
            for (const [subset, ranges] of Object.entries(CHARACTERS)) {
                // Only characters the package's file for that subset can have.
                const covered = packageRanges(packaged[subset]);
                const outside = codePoints(ranges).filter((c) => !covered.some(([a, b]) => a <= c && c <= b));
                if (outside.length) {
                    throw new Error(`${pkg} ${subset}: U+${outside[0].toString(16)} is not in the package's file`);
                }
                const source = readFileSync(join(MODULES, pkg, "files", `${name}-${subset}-${axis}-${style}.woff2`));
                const text = String.fromCodePoint(...codePoints(ranges));
                const font = await subsetFont(source, text, { targetFormat: "woff2", variationAxes: axes });
                const file = `${name}-${subset}-${style}.woff2`;
                writeFileSync(join(target, file), font);
                faces.push(`@font-face {
    font-family: "${family}";
    font-style: ${style};
    font-weight: ${axes.wght.min} ${axes.wght.max};
    font-display: swap;
    src: url("${file}") format("woff2");
    unicode-range: ${unicodeRange(ranges)};
}
`);
            }
        }
        copyFileSync(join(MODULES, pkg, "LICENSE"), join(target, `${name}-LICENSE.txt`));
    }
    if (!existsSync(join(target, PRELOADED))) {
        throw new Error(`PRELOADED (${PRELOADED}) is not one of the fonts built`);
    }
    const header = "/* Made by frontend/build.mjs from its FONTS and CHARACTERS: do not edit. */\n\n";
    writeFileSync(join(target, "fonts.css"), header + faces.join("\n"));
    return faces.length;
}

// The flags (flag-icons, 4:3) are shown 20 CSS pixels wide beside a country's name (site.css:
// .flag), yet flag-icons draws them for any size on a 640 × 480 grid, the detailed coats of arms
// (Mexico, El Salvador, Spain) in up to 85 KB. Each is redrawn on a FLAG_GRID-unit grid (a unit
// is an eighth of a CSS pixel, a quarter of a device pixel on a 2x screen) and every point of a
// path is rounded to that grid, wherever the path sits in the drawing's nested transforms: the
// details smaller than a unit merge into the shapes around them, and svgo minifies the rest.
// Every ISO 3166-1 country's flag is built (flag-icons' two-letter files), not regions' or
// organisations': an editor may add a city in any country, and the country field offers them all.
const FLAG_GRID = 160;
// What draws (and so goes into the grid's scale); clip paths, gradients and the like are
// referenced from these and follow them.
const GRAPHICS = new Set([
    "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "use", "text", "image",
]);

// The drawing in FLAG_GRID units: a new viewBox, and the graphics wrapped in one scaled group,
// which svgo then applies to the paths' points where it can.
const flagToGrid = {
    name: "flagToGrid",
    fn: () => ({
        element: {
            enter: (node, parent) => {
                if (node.name !== "svg" || parent.type !== "root") {
                    return;
                }
                const [, , width, height] = node.attributes.viewBox.split(/[\s,]+/).map(Number);
                const factor = FLAG_GRID / width;
                node.attributes.viewBox = `0 0 ${FLAG_GRID} ${height * factor}`;
                const transform = `scale(${factor})`;
                const group = { type: "element", name: "g", attributes: { transform }, children: [] };
                const children = [];
                for (const child of node.children) {
                    if (child.type === "element" && GRAPHICS.has(child.name)) {
                        group.children.push(child);
                    } else {
                        children.push(child);
                    }
                }
                node.children = [...children, group];
            },
        },
    }),
};

// How many grid units one unit of a chain of transforms is (the longer of the two axes').
function gridScale(elements) {
    const transforms = elements.map((element) => element.attributes.transform).filter(Boolean);
    if (!transforms.length) {
        return 1;
    }
    const drawn = svgpath("M0 0L1 0M0 0L0 1").transform(transforms.join(" ")).abs().toString();
    const [x0, y0, x1, y1, , , x2, y2] = drawn.match(/-?[\d.]+(?:e-?\d+)?/g).map(Number);
    return Math.max(Math.hypot(x1 - x0, y1 - y0), Math.hypot(x2 - x0, y2 - y0));
}

// Where each element is drawn from: <use> elements by the id they draw again, elements by the
// clip path or mask (url(#id)) they are cut by.
const NOT_DRAWN = new Set(["defs", "clipPath", "mask", "symbol", "pattern", "marker"]);

function references(root) {
    const parents = new Map();
    const uses = new Map(); // id -> elements drawing that id again, or cut by it
    const add = (id, element) => uses.set(id, [...(uses.get(id) ?? []), element]);
    const walk = (node) => {
        for (const child of node.children ?? []) {
            if (child.type !== "element") {
                continue;
            }
            parents.set(child, node);
            const href = child.attributes.href ?? child.attributes["xlink:href"];
            if (child.name === "use" && href?.startsWith("#")) {
                add(href.slice(1), child);
            }
            for (const name of ["clip-path", "mask"]) {
                const match = /url\(#([^)]+)\)/.exec(child.attributes[name] ?? "");
                if (match) {
                    add(match[1], child);
                }
            }
            walk(child);
        }
    };
    walk(root);
    return { parents, uses };
}

// The scales (grid units per unit of the element's own drawing) at which an element is drawn:
// directly where it stands, and again through every <use>, clip path or mask that refers to it
// or to one of its ancestors.
function drawnScales(element, { parents, uses }) {
    const chain = [element];
    for (let node = parents.get(element); node && node.type === "element"; node = parents.get(node)) {
        chain.unshift(node);
    }
    const scales = [];
    if (!chain.slice(0, -1).some((node) => NOT_DRAWN.has(node.name)) && !NOT_DRAWN.has(element.name)) {
        scales.push(gridScale(chain));
    }
    chain.forEach((node, index) => {
        for (const user of uses.get(node.attributes.id) ?? []) {
            // A clip path or mask is drawn in the user space of the element it cuts (its own transform
            // included); a <use> in its own.
            const inner = gridScale(chain.slice(index));
            for (const scale of drawnScales(user, { parents, uses })) {
                scales.push(scale * inner);
            }
        }
    });
    return scales;
}

// Rounds each path's points to the grid in the path's own units: to the largest of 1, 2, 4 or 5
// times a power of ten of them that is at most one grid unit at the smallest scale the path is
// drawn at, so that the numbers stay short; a curve whose control points then lie within a step
// of its chord becomes a line. A path drawn nowhere is left as it is.
const roundToGrid = {
    name: "roundToGrid",
    fn: (root) => {
        const found = references(root);
        return {
            element: {
                enter: (node) => {
                    if (node.name !== "path" || !node.attributes.d) {
                        return;
                    }
                    const scales = drawnScales(node, found);
                    if (!scales.length) {
                        return;
                    }
                    const units = 1 / Math.min(...scales);
                    const power = 10 ** Math.floor(Math.log10(units));
                    const step = [5, 4, 2, 1]
                        .map((multiple) => multiple * power)
                        .find((size) => size <= units * 1.0001);
                    const decimals = Math.max(0, -Math.floor(Math.log10(step)));
                    node.attributes.d = svgpath(node.attributes.d)
                        .abs()
                        .unshort()
                        .scale(1 / step)
                        .round(0)
                        .iterate(straighten)
                        .scale(step)
                        .round(decimals)
                        .toString();
                },
            },
        };
    },
};

// A curve (absolute, in steps) that strays less than a step from its chord, as a line.
function straighten(segment, index, x, y) {
    const [command, ...args] = segment;
    const end = args.slice(-2);
    const controls = { C: args.slice(0, 4), Q: args.slice(0, 2) }[command];
    const near = (px, py) => {
        const [ex, ey] = end;
        const length = Math.hypot(ex - x, ey - y);
        const distance = length
            ? Math.abs((ex - x) * (y - py) - (x - px) * (ey - y)) / length
            : Math.hypot(px - x, py - y);
        return distance <= 1;
    };
    if (controls && near(controls[0], controls[1]) && (command === "Q" || near(controls[2], controls[3]))) {
        return [["L", ...end]];
    }
    if (command === "A" && Math.max(args[0], args[1]) <= 1) {
        return [["L", ...end]];
    }
    return undefined;
}

// svgo's defaults (roundToGrid rounds the paths' points: svgo's own rounding counts decimals in
// a path's own units, too coarse where a small shape is drawn enlarged).
const FLAG_SVGO = { multipass: true };

function buildFlags() {
    const source = join(MODULES, "flag-icons", "flags", "4x3");
    const target = join(OUT, "flags");
    mkdirSync(target, { recursive: true });
    let count = 0;
    for (const file of readdirSync(source).filter((name) => /^[a-z]{2}\.svg$/.test(name))) {
        // flagToGrid and roundToGrid once each (svgo's multipass would repeat them on every pass).
        let svg = optimize(readFileSync(join(source, file), "utf8"), { plugins: [flagToGrid] }).data;
        svg = optimize(svg, FLAG_SVGO).data;
        svg = optimize(svg, { plugins: [roundToGrid] }).data;
        svg = optimize(svg, FLAG_SVGO).data;
        writeFileSync(join(target, file), svg);
        count += 1;
    }
    copyFileSync(join(MODULES, "flag-icons", "LICENSE"), join(target, "LICENSE.txt"));
    return count;
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(join(OUT, "map"), { recursive: true });
const svg = worldMap();
writeFileSync(join(OUT, "map", "world.svg"), svg);
const faces = await buildFonts();
const flags = buildFlags();
console.log(
    `Built ${OUT}: map/world.svg (${Math.round(svg.length / 1024)} KB), fonts/ (${faces} faces) and flags/ (${flags}).`,
);
