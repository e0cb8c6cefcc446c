"""The sitemap as a crawler reads it: /sitemap.xml's index, followed to every file it lists."""

import xml.etree.ElementTree as ET
from urllib.parse import parse_qsl, urlsplit

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_files(client, **extra):
    """[(the file's URL, its parsed <urlset>)] for every file the index lists, in its order."""
    response = client.get("/sitemap.xml", **extra)
    assert response.status_code == 200, response.status_code
    index = ET.fromstring(response.content)  # noqa: S314 - the test server's own output
    assert index.tag == f"{SITEMAP}sitemapindex", index.tag
    files = []
    for loc in index.iter(f"{SITEMAP}loc"):
        address = urlsplit(loc.text)
        answer = client.get(address.path, dict(parse_qsl(address.query)), **extra)
        assert answer.status_code == 200, (loc.text, answer.status_code)
        files.append((loc.text, ET.fromstring(answer.content)))  # noqa: S314 - the test server's own output
    return files


def sitemap(client, **extra):
    """Every file's <url> entries in one <urlset>, as if the sitemap were one file."""
    merged = ET.Element(f"{SITEMAP}urlset")
    for _, urlset in sitemap_files(client, **extra):
        merged.extend(urlset.findall(f"{SITEMAP}url"))
    return merged


def sitemap_xml(client, **extra):
    """``sitemap(client)`` as XML text."""
    ET.register_namespace("", SITEMAP.strip("{}"))
    ET.register_namespace("xhtml", "http://www.w3.org/1999/xhtml")
    return ET.tostring(sitemap(client, **extra), encoding="unicode")
