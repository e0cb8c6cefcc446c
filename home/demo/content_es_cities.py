"""The Spanish text of the 28 partner city profiles, written for this project.

``CITIES_ES`` is keyed by the English demo's city slug (``home.demo.cities.CityFacts.slug``, e.g.
``"mexico-city"``). Each value holds, in Spanish, every text the English demo sets on a CityPage:

- ``title``: the name as Spanish speakers write it ("Ciudad de México", "Berlín", "Ereván");
- ``slug``: the English page's slug, kept as it is (``/es/cities/mexico-city/``), like every other
  Spanish demo page's (see ``content_es.py``): a partner site asks for ``city(slug: "mexico-city")``
  in either language, and the switcher follows the translation, not the slug;
- ``summary``, ``status_note`` and ``year_note`` ("" where the English is empty too);
- ``body``: StreamField data in the English body's shape, a "heading" block then one "paragraph" block
  of two ``<p>``: the facts of the partnership, then where they come from;
- ``gallery_caption``: the caption of each gallery picture, for the featured cities that have a gallery
  ("" for the others).

The sources' titles are their host names (``busan.go.kr``), the same in both languages, so they are not
here. The facts (years, dates, names) are those of ``cities/data/la_sister_cities.json``; only the language
changes, and the prose is our own, not a word-for-word translation. The demo loader (``load_demo``, through
``home.demo.builder``) reads this module to build the Spanish translation of each city page;
``tests/home/test_content_es.py`` checks it against the English.
"""

from django.utils.html import escape

PARTNERSHIP_HEADING = "La relación"
SOURCES_SENTENCE = "Los datos de esta página provienen de las fuentes públicas que se citan en ella."
GALLERY_CAPTION = "Imagen generada que ocupa el lugar de una fotografía de {city}."


def _city(title, slug, summary, history, status_note="", year_note="", gallery=False):
    """One city's Spanish texts; ``history`` is the body's first paragraph, on the partnership itself."""
    return {
        "title": title,
        "slug": slug,
        "summary": summary,
        "status_note": status_note,
        "year_note": year_note,
        "body": [
            {"type": "heading", "value": {"heading_text": PARTNERSHIP_HEADING, "size": "h2"}},
            {"type": "paragraph", "value": f"<p>{escape(history)}</p><p>{escape(SOURCES_SENTENCE)}</p>"},
        ],
        "gallery_caption": GALLERY_CAPTION.format(city=title) if gallery else "",
    }


CITIES_ES = {
    "eilat": _city(
        "Eilat",
        "eilat",
        "Eilat, la ciudad más austral de Israel, es un puerto y centro turístico a orillas del mar Rojo, "
        "conocido por sus arrecifes de coral y sus montañas desérticas. Es ciudad hermana de Los Ángeles "
        "desde 1959.",
        "Eilat se hermanó con Los Ángeles en 1959.",
    ),
    "nagoya": _city(
        "Nagoya",
        "nagoya",
        "Nagoya, capital de la prefectura de Aichi, es un polo de la industria japonesa, conocido por su "
        "castillo y por sus industrias automotriz y aeroespacial. Es ciudad hermana de Los Ángeles desde 1959 "
        "y, junto con Eilat, fue una de las dos primeras ciudades asociadas al programa.",
        "Los Ángeles y Nagoya firmaron su acuerdo de hermanamiento el 1 de abril de 1959.",
        gallery=True,
    ),
    "salvador": _city(
        "Salvador de Bahía",
        "salvador",
        "Salvador de Bahía, capital del estado brasileño de Bahía, fue la primera capital de Brasil y es famosa "
        "por su barrio histórico del Pelourinho y por su música y su cocina afrobrasileñas. Es ciudad hermana "
        "de Los Ángeles desde 1962.",
        "Salvador de Bahía se hermanó con Los Ángeles en 1962.",
        gallery=True,
    ),
    "bordeaux": _city(
        "Burdeos",
        "bordeaux",
        "Burdeos, puerto a orillas del Garona en el suroeste de Francia, es célebre en todo el mundo por los "
        "vinos de su región y por su arquitectura de piedra del siglo XVIII. Es ciudad hermana de Los Ángeles "
        "desde 1964.",
        "Burdeos se hermanó con Los Ángeles en 1964.",
    ),
    "berlin": _city(
        "Berlín",
        "berlin",
        "Berlín, capital y ciudad más poblada de Alemania, es conocida por sus museos y su vida musical, y por "
        "la historia de su división durante la Guerra Fría. Es ciudad hermana de Los Ángeles desde 1967.",
        "Los Ángeles y Berlín firmaron su acuerdo de hermanamiento el 27 de junio de 1967.",
        gallery=True,
    ),
    "busan": _city(
        "Busan",
        "busan",
        "Busan, la segunda ciudad más grande de Corea del Sur y su puerto con más movimiento, se encuentra en "
        "la costa sureste del país y es conocida por sus playas y su festival internacional de cine. Es ciudad "
        "hermana de Los Ángeles desde 1967, aunque algunas fuentes indican 1971.",
        "Los Ángeles y Busan firmaron su acuerdo de hermanamiento el 18 de diciembre de 1967. "
        "Algunas fuentes indican 1971.",
        year_note="Algunas fuentes indican 1971.",
    ),
    "lusaka": _city(
        "Lusaka",
        "lusaka",
        "Lusaka, capital y ciudad más poblada de Zambia, se asienta sobre una meseta en el centro-sur del país. "
        "Es ciudad hermana de Los Ángeles desde 1968 (algunas fuentes indican 1967) y fue la primera ciudad "
        "africana asociada al programa.",
        "Lusaka se hermanó con Los Ángeles en 1968. Algunas fuentes indican 1967.",
        year_note="Algunas fuentes indican 1967.",
        gallery=True,
    ),
    "mexico-city": _city(
        "Ciudad de México",
        "mexico-city",
        "La Ciudad de México, capital del país, es una de las urbes más grandes del continente americano y se "
        "levanta sobre el sitio de Tenochtitlan, la antigua capital azteca. Es ciudad hermana de Los Ángeles "
        "desde 1969.",
        "La Ciudad de México se hermanó con Los Ángeles en 1969.",
        gallery=True,
    ),
    "auckland": _city(
        "Auckland",
        "auckland",
        "Auckland, la ciudad más grande de Nueva Zelanda, se extiende sobre un istmo entre dos puertos naturales "
        "y es conocida por sus conos volcánicos y su pasión por la navegación a vela. Es ciudad hermana de "
        "Los Ángeles desde 1971, aunque algunas fuentes indican 1972.",
        "Auckland se hermanó con Los Ángeles en 1971. Algunas fuentes indican 1972.",
        year_note="Algunas fuentes indican 1972.",
        gallery=True,
    ),
    "mumbai": _city(
        "Bombay",
        "mumbai",
        "Bombay (Mumbai), capital del estado indio de Maharashtra, es el centro financiero de la India y la "
        "cuna del cine en hindi. Es ciudad hermana de Los Ángeles desde 1972.",
        "Los Ángeles y Bombay firmaron su acuerdo de hermanamiento el 1 de junio de 1972.",
    ),
    "tehran": _city(
        "Teherán",
        "tehran",
        "Teherán, capital y ciudad más poblada de Irán, se extiende al pie de los montes Alborz. Se hermanó con "
        "Los Ángeles en 1972, pero, según se informa, la relación está suspendida desde 1986.",
        "Teherán se hermanó con Los Ángeles en 1972. Según se informa, la relación está suspendida desde 1986.",
        status_note="Suspendida desde 1986, según se informa",
    ),
    "taipei": _city(
        "Taipéi",
        "taipei",
        "Taipéi es el centro político y económico de Taiwán, conocido por la torre Taipei 101 y por sus "
        "mercados nocturnos. Es ciudad hermana de Los Ángeles desde 1979.",
        "Taipéi se hermanó con Los Ángeles en 1979.",
    ),
    "guangzhou": _city(
        "Guangzhou",
        "guangzhou",
        "Guangzhou (Cantón), capital de la provincia de Guangdong, en el sur de China, es un histórico puerto "
        "comercial a orillas del río de las Perlas y sede de la Feria de Cantón. Es ciudad hermana de "
        "Los Ángeles desde 1981.",
        "Los Ángeles y Guangzhou firmaron su acuerdo de hermanamiento el 8 de diciembre de 1981.",
    ),
    "athens": _city(
        "Atenas",
        "athens",
        "Atenas, capital de Grecia, es una de las ciudades más antiguas del mundo y en ella se alza la "
        "Acrópolis. Es ciudad hermana de Los Ángeles desde 1984, el mismo año en que Los Ángeles fue sede de "
        "los Juegos Olímpicos de verano.",
        "Los Ángeles y Atenas firmaron su acuerdo de hermanamiento el 10 de febrero de 1984.",
    ),
    "vancouver": _city(
        "Vancouver",
        "vancouver",
        "Vancouver es una ciudad portuaria del Pacífico, en la provincia canadiense de Columbia Británica, "
        "enclavada entre las montañas y el mar. Es ciudad hermana de Los Ángeles desde 1986.",
        "Vancouver se hermanó con Los Ángeles en 1986.",
    ),
    "giza": _city(
        "Guiza",
        "giza",
        "Guiza, en la orilla occidental del Nilo junto a El Cairo, alberga las Grandes Pirámides y la Esfinge. "
        "Es ciudad hermana de Los Ángeles desde 1989.",
        "Los Ángeles y Guiza firmaron su acuerdo de hermanamiento el 21 de noviembre de 1989.",
    ),
    "st-petersburg": _city(
        "San Petersburgo",
        "st-petersburg",
        "San Petersburgo, la segunda ciudad más grande de Rusia, fue fundada por Pedro el Grande en 1703 y es "
        "conocida por el Museo del Hermitage y sus canales. Es ciudad hermana de Los Ángeles desde 1989, "
        "aunque algunas fuentes indican 1984 o 1990.",
        "San Petersburgo se hermanó con Los Ángeles en 1989. Algunas fuentes indican 1984 o 1990.",
        year_note="Algunas fuentes indican 1984 o 1990.",
    ),
    "jakarta": _city(
        "Yakarta",
        "jakarta",
        "Yakarta, la ciudad más grande de Indonesia, se encuentra en la costa noroeste de Java y es el centro "
        "empresarial y político del país. Es ciudad hermana de Los Ángeles desde 1990.",
        "Yakarta se hermanó con Los Ángeles en 1990.",
    ),
    "kaunas": _city(
        "Kaunas",
        "kaunas",
        "Kaunas, la segunda ciudad de Lituania, se alza en la confluencia de los ríos Neris y Niemen, y fue la "
        "capital provisional del país entre las dos guerras mundiales. Es ciudad hermana de Los Ángeles "
        "desde 1991.",
        "Los Ángeles y Kaunas firmaron su acuerdo de hermanamiento el 29 de junio de 1991.",
    ),
    "makati": _city(
        "Makati",
        "makati",
        "Makati, en la Gran Manila, es uno de los principales distritos financieros y de negocios de Filipinas. "
        "Es ciudad hermana de Los Ángeles desde 1992.",
        "Los Ángeles y Makati firmaron su acuerdo de hermanamiento el 4 de diciembre de 1992.",
    ),
    "split": _city(
        "Split",
        "split",
        "Split, la segunda ciudad de Croacia, está en la costa del Adriático y creció en torno al palacio del "
        "emperador romano Diocleciano. Es ciudad hermana de Los Ángeles desde 1993.",
        "Los Ángeles y Split firmaron su acuerdo de hermanamiento el 9 de junio de 1993.",
    ),
    "san-salvador": _city(
        "San Salvador",
        "san-salvador",
        "San Salvador, capital y ciudad más poblada de El Salvador, se extiende por un valle al pie del volcán "
        "de San Salvador. Es ciudad hermana de Los Ángeles desde 2005, y Los Ángeles es hogar de una numerosa "
        "comunidad salvadoreña.",
        "Los Ángeles y San Salvador firmaron su acuerdo de hermanamiento el 26 de enero de 2005.",
    ),
    "beirut": _city(
        "Beirut",
        "beirut",
        "Beirut, capital del Líbano, es una ciudad portuaria del Mediterráneo con más de cinco mil años de "
        "historia. Es ciudad hermana de Los Ángeles desde 2006.",
        "Los Ángeles y Beirut firmaron su acuerdo de hermanamiento el 20 de junio de 2006.",
    ),
    "ischia": _city(
        "Ischia",
        "ischia",
        "Ischia es una isla volcánica del golfo de Nápoles, en Italia, conocida por sus aguas termales y sus "
        "playas. Es ciudad hermana de Los Ángeles desde 2006.",
        "Ischia se hermanó con Los Ángeles en 2006.",
    ),
    "yerevan": _city(
        "Ereván",
        "yerevan",
        "Ereván, capital de Armenia, es una de las ciudades habitadas sin interrupción más antiguas del mundo. "
        "Es ciudad hermana de Los Ángeles desde 2007, y Los Ángeles es hogar de una gran comunidad armenia.",
        "Los Ángeles y Ereván firmaron su acuerdo de hermanamiento el 23 de febrero de 2007.",
    ),
    "manchester": _city(
        "Mánchester",
        "manchester",
        "Mánchester, en el noroeste de Inglaterra, fue una de las cunas de la Revolución Industrial y hoy es "
        "conocida por su música y sus clubes de fútbol. Es ciudad amiga de Los Ángeles desde julio de 2009.",
        "Los Ángeles y Mánchester firmaron su acuerdo de amistad en julio de 2009.",
        year_note="Acuerdo firmado en julio de 2009.",
    ),
    "london": _city(
        "Londres",
        "london",
        "Londres, capital del Reino Unido, es un centro mundial de las finanzas, la política y las artes. Es "
        "ciudad amiga de Los Ángeles, aunque nuestras fuentes no indican en qué año comenzó el vínculo.",
        "Londres es ciudad amiga de Los Ángeles. Las fuentes de que disponemos no indican en qué año comenzó "
        "el vínculo.",
    ),
    "lodz": _city(
        "Lodz",
        "lodz",
        "Lodz, en el centro de Polonia, creció como polo de la industria textil y es conocida por su escuela "
        "nacional de cine. Figura como ciudad amiga de Los Ángeles, pero el vínculo no está confirmado.",
        "Lodz figura como ciudad amiga de Los Ángeles, pero la relación no está confirmada. Las fuentes de que "
        "disponemos no indican en qué año comenzó el vínculo.",
    ),
}
