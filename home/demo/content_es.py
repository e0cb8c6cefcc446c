"""The Spanish words of the demo site, written for this project (not a word-for-word translation).

Each entry gives the same facts as its English counterpart in ``content.py``; the builder makes the
Spanish pages as translations of the English ones. The partner cities' profiles are in
``content_es_cities.py``. Slugs stay those of the English pages and snippets, so that a filter such as
``?type=cultural`` means the same in both languages.
"""

SAMPLE_NOTE = "Contenido de ejemplo del sitio de demostración."
SAMPLE_CHAIR = "Presidencia de ejemplo"
IMAGE_CREDIT = "Imagen de ejemplo generada"

SITE_NAME = "Ciudades Hermanas de Los Ángeles"
HOME_INTRO = (
    "Desde 1959, Los Ángeles teje lazos con ciudades de todo el mundo. Conozca a nuestras ciudades hermanas y "
    "amigas, lea cómo se encuentran su gente y la nuestra, y encuentre lo necesario para sumarse."
)
HOME_BODY_HEADING = "Participe"
# {about}, {stories} and {resources} become links to those pages, with the link texts below.
HOME_BODY_PARAGRAPH = (
    "Detrás de cada hermanamiento hay voluntarios que organizan visitas, festivales, becas y misiones "
    "comerciales. Descubra {about}, lea {stories} o consulte {resources} para preparar su propio intercambio."
)
HOME_LINK_ABOUT = "qué es una ciudad hermana"
HOME_LINK_STORIES = "historias de intercambios pasados"
HOME_LINK_RESOURCES = "recursos útiles"

CITY_INDEX_TITLE = "Ciudades asociadas"
# Filled in from the fixture's counts.
CITY_INDEX_INTRO = (
    "Los Ángeles tiene {total} ciudades asociadas: {sister} ciudades hermanas, unidas por un acuerdo formal "
    "que firmaron las autoridades de ambas ciudades, y {friendship} ciudades amigas, con un vínculo más "
    "flexible. Ordénelas por año, nombre o país."
)
STORY_INDEX_TITLE = "Historias"
STORY_INDEX_INTRO = (
    "Crónicas de los intercambios entre Los Ángeles y sus ciudades asociadas: visitas oficiales, festivales, "
    "becas, formación y misiones comerciales. Fíltrelas por ciudad o por tipo de intercambio."
)
RESOURCE_INDEX_TITLE = "Recursos"
RESOURCE_INDEX_INTRO = (
    "Enlaces y documentos prácticos para quien participa en un intercambio: viajes y visados, financiación, "
    "estudios, cultura y negocios, además de los formularios y guías del propio programa."
)

# --- About: the client's text, told in Spanish ------------------------------------------------------------
ABOUT_TITLE = "Acerca de Ciudades Hermanas de Los Ángeles"
ABOUT_INTRO = "Qué es una ciudad hermana y qué ofrece participar en el programa Ciudades Hermanas de Los Ángeles."
# ("heading", text), ("paragraph", text) or ("list", lead-in sentence, [items]).
ABOUT_BODY = [
    ("heading", "Qué es una ciudad hermana"),
    (
        "paragraph",
        "Una ciudad hermana nace cuando una comunidad decide unirse a otra de otro país para conocerse mejor y "
        "entablar intercambios cordiales y con sentido. El hermanamiento se hace oficial cuando las máximas "
        "autoridades electas de ambas jurisdicciones firman un acuerdo formal. Se trata de una alianza amplia, "
        "aprobada oficialmente y pensada a largo plazo entre dos comunidades.",
    ),
    (
        "paragraph",
        "Ningún otro programa internacional abarca una variedad tan grande de actividades: intercambios y "
        "proyectos municipales, empresariales, profesionales, educativos y culturales. En ellos participan el "
        "gobierno local, las empresas y muchísimos voluntarios, entre ellos organizaciones sin fines de lucro.",
    ),
    ("heading", "Por qué importa"),
    (
        "paragraph",
        "En un mundo cada vez más pequeño, comunidades y personas adoptan una mirada global. Las ciudades "
        "hermanas les permiten crear alianzas internacionales que impulsan el desarrollo económico, el "
        "intercambio cultural y la cooperación entre países. Gracias a ellas, los vecinos de ambas comunidades "
        "viven las relaciones internacionales en primera persona, en intercambios singulares y enriquecedores "
        "que benefician a todos.",
    ),
    (
        "list",
        "Quienes participan pueden:",
        [
            "Compartir ideas y trabar amistad, de tú a tú, con sus homólogos de otra cultura",
            "Sentirse parte de la familia mundial que construye, paso a paso, la paz",
            "Reunir a los muchos y diversos sectores de cada comunidad en un programa de cooperación del que "
            "todos disfrutan y salen ganando",
            "Abrir el diálogo con la gente de otra cultura y hallar juntos nuevas formas de mejorar la calidad "
            "de vida de todos",
            "Trabajar con un socio real en otro país, de modo que cada miembro de la comunidad sienta que "
            "contribuye, personalmente, al entendimiento internacional",
            "Comprender mejor su propia comunidad al mostrar su forma de vida a la gente de otra cultura.",
        ],
    ),
]
# The English text is cut off at "Send the information to"; this is the sentence as we completed it.
ABOUT_COMPLETED = (
    "¿Conoce un recurso útil que deberíamos añadir a la lista? Envíe los datos al comité de la ciudad "
    "asociada a la que se refiere: encontrará su contacto en la página de la ciudad. Vea lo que ya "
    "compartimos en nuestra {resources}."
)
ABOUT_LINK_RESOURCES = "página de recursos"
ABOUT_BROWSE_RESOURCES = "Consultar recursos útiles"

# --- Snippets, keyed by the English slug: (name, description) ---------------------------------------------
EXCHANGE_TYPES = {
    "municipal": (
        "Municipal",
        "Gobiernos locales que aprenden unos de otros: autoridades y personal comparan cómo gestionan el "
        "transporte, el agua, los parques, la seguridad y otros servicios públicos.",
    ),
    "business": (
        "Empresarial",
        "Misiones comerciales, inversiones y alianzas entre empresas y cámaras de comercio de ambas ciudades.",
    ),
    "professional": (
        "Profesional",
        "Personas del mismo oficio, como enfermeras, bomberos, arquitectos o periodistas, que visitan a sus "
        "colegas y se forman con ellos.",
    ),
    "educational": (
        "Educativo",
        "Intercambios de estudiantes y docentes, hermanamientos entre escuelas, becas y programas juveniles.",
    ),
    "cultural": (
        "Cultural",
        "Música, arte, cine, gastronomía y festivales que acercan a la gente de las dos ciudades.",
    ),
}

RESOURCE_CATEGORIES = {
    "travel": ("Viajes y visados", "Pasaportes, visados, salud y seguridad para viajar en uno u otro sentido."),
    "grants-and-funding": ("Becas y financiación", "Dónde buscar fondos para un intercambio o un proyecto."),
    "education": (
        "Educación y estudios en el extranjero",
        "Programas y consejos para estudiantes, docentes e investigadores.",
    ),
    "culture": ("Arte y cultura", "Apoyo a artistas y entidades culturales, y guías de la ciudad."),
    "business": ("Negocios y comercio", "Ayuda para las empresas que comercian con nuestras ciudades asociadas."),
    "partner-cities": ("Sitios web de las ciudades asociadas", "Los sitios oficiales de nuestras ciudades asociadas."),
    "program-documents": (
        "Documentos del programa",
        "Formularios, listas de verificación y guías de la oficina del programa.",
    ),
}

# The committees' names: "Los Angeles–{city} Sister City Committee" and its friendship-city twin.
COMMITTEE_NAMES = {
    "Sister": "Comité de Ciudades Hermanas Los Ángeles–{city}",
    "Friendship": "Comité de Ciudades Amigas Los Ángeles–{city}",
}

# --- Resources, keyed by the English title: (title, description) ------------------------------------------
RESOURCES = {
    "Travel.State.Gov: passports, visas and advisories": (
        "Travel.State.Gov: pasaportes, visados y alertas de viaje",
        "El sitio del Departamento de Estado de EE. UU. para viajeros: cómo solicitar o renovar el pasaporte, "
        "qué países exigen visado y la alerta de viaje vigente para cada destino. Conviene consultarlo antes de "
        "cualquier viaje.",
    ),
    "Smart Traveler Enrollment Program (STEP)": (
        "Programa de Inscripción del Viajero Inteligente (STEP)",
        "Un servicio gratuito del Departamento de Estado: registre su viaje para que la embajada de EE. UU. más "
        "cercana le envíe avisos de seguridad y pueda localizarle en una emergencia. Muy útil para delegaciones "
        "y estudiantes que viajan al extranjero.",
    ),
    "Travelers' Health (CDC)": (
        "Salud del viajero (CDC)",
        "Vacunas y consejos de salud para cada destino, de los Centros para el Control y la Prevención de "
        "Enfermedades de EE. UU. Busque el país de su ciudad asociada unas semanas antes de partir.",
    ),
    "Official ESTA application (Visa Waiver Program)": (
        "Solicitud oficial de ESTA (Programa de Exención de Visados)",
        "Los visitantes de muchos países necesitan una ESTA aprobada para volar a Estados Unidos sin visado. "
        "Envíe a sus invitados esta dirección oficial: hay sitios parecidos que cobran tarifas adicionales.",
    ),
    "Sister Cities International": (
        "Sister Cities International",
        "La red nacional de programas de ciudades hermanas de Estados Unidos: orientación para llevar un "
        "hermanamiento, noticias de becas y premios, e ideas de otras ciudades.",
    ),
    "Fulbright Program": (
        "Programa Fulbright",
        "El programa de intercambio más conocido del gobierno de EE. UU. para estudiantes, investigadores y "
        "docentes, presente en muchos de los países de nuestras ciudades asociadas.",
    ),
    "EducationUSA": (
        "EducationUSA",
        "La red de centros de orientación del Departamento de Estado para quienes desean estudiar en Estados "
        "Unidos desde el extranjero. Recomiéndela a los estudiantes de las ciudades asociadas.",
    ),
    "Los Angeles Public Library": (
        "Biblioteca Pública de Los Ángeles",
        "Libros, cursos en línea y actividades gratuitas en las bibliotecas de toda la ciudad: un buen lugar para "
        "informarse sobre una ciudad asociada antes de visitarla.",
    ),
    "Discover Los Angeles": (
        "Discover Los Angeles",
        "La guía oficial para visitar Los Ángeles: barrios, museos, eventos y dónde comer. Compártala con los "
        "invitados de las ciudades asociadas antes de su llegada.",
    ),
    "Port of Los Angeles": (
        "Puerto de Los Ángeles",
        "El puerto de la ciudad, el de mayor tráfico de contenedores de Estados Unidos. Su sitio ofrece "
        "estadísticas comerciales, programas para exportadores e información sobre visitas guiadas.",
    ),
    "Hosting a visiting delegation: a checklist": (
        "Cómo recibir a una delegación: lista de verificación",
        "Una lista de una página para los comités que reciben visitantes de una ciudad asociada: antes, durante "
        "y después de la visita. Documento de ejemplo creado para el sitio de demostración.",
    ),
    "Exchange participant information form": (
        "Formulario de datos del participante en un intercambio",
        "Un formulario en texto plano para quienes se suman a un viaje de intercambio: datos de contacto, "
        "contacto de emergencia y documentos de viaje. Documento de ejemplo creado para el sitio de demostración.",
    ),
}

# --- Stories ------------------------------------------------------------------------------------------
# The Spanish version of the English story templates, keyed by their position in content.STORY_TEMPLATES.
# The first story told from each of these templates gets a Spanish translation. Slots as in English; the
# topics are in the same order as the English ones, so a story keeps its topic.
MONTHS = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
AUTHORS = {
    "Program office": "Oficina del programa",
    "Communications team": "Equipo de comunicación",
    "Committee volunteers": "Voluntarios del comité",
    "Youth exchange team": "Equipo de intercambios juveniles",
}
SINCE = "desde {year}"
SINCE_UNKNOWN = "desde hace muchos años"
QUOTE_ATTRIBUTION = "Un participante (cita de ejemplo)"
QUOTE_ATTRIBUTION_FROM = "Un participante de {city} (cita de ejemplo)"
CITY_LINK = "Los Ángeles y {city}"

STORY_TEMPLATES = {
    0: {
        "title": "{city} y Los Ángeles comparan experiencias sobre {topic}",
        "topics": [
            "el ahorro de agua",
            "el transporte público",
            "la preparación ante emergencias",
            "el arbolado urbano",
            "el reciclaje",
        ],
        "intro": "Personal municipal de {city} pasó una semana con sus homólogos de Los Ángeles para ver cómo "
        "aborda cada ciudad {topic}.",
        "body": [
            ("heading", "Un reto compartido"),
            (
                "paragraph",
                "Las dos ciudades se ocupan a diario de {topic}, a escalas y en climas distintos. La visita, en "
                "{month} de {year}, empezó en el Ayuntamiento con breves presentaciones de cada parte y siguió "
                "con visitas sobre el terreno elegidas por los anfitriones.",
            ),
            ("heading", "Lo que vieron los visitantes"),
            (
                "paragraph",
                "En cinco días, los {count} visitantes conversaron con ingenieros, urbanistas y quienes prestan "
                "los servicios a pie de calle. Las tardes quedaron libres para recorrer Los Ángeles con "
                "voluntarios del comité.",
            ),
            ("quote", "Vinimos con una lista de preguntas y nos vamos con una más larga: eso es una buena visita."),
            ("heading", "Próximos pasos"),
            (
                "paragraph",
                "El personal de ambas ciudades acordó reunirse en línea cada pocos meses y compartir lo que cada "
                "parte publique sobre {topic}.",
            ),
        ],
    },
    1: {
        "title": "Una delegación oficial de {city} renueva sus lazos con Los Ángeles",
        "topics": ["los programas juveniles", "el comercio", "la cultura", "el clima"],
        "intro": "Autoridades de {city} se reunieron con los responsables municipales de Los Ángeles para renovar "
        "el hermanamiento y planificar los próximos años de intercambios, ahora centrados en {topic}.",
        "body": [
            (
                "paragraph",
                "Los Ángeles y {city} colaboran {since}. En {month} de {year}, una delegación de {count} "
                "autoridades y voluntarios vino a hacer balance y a mirar hacia el futuro.",
            ),
            ("heading", "Un plan para los próximos años"),
            (
                "paragraph",
                "Ambas partes acordaron situar {topic} en el centro de los próximos intercambios e invitar a "
                "escuelas, empresas y asociaciones de las dos ciudades a proponer proyectos.",
            ),
            ("quote", "Un hermanamiento perdura cuando lo mantienen vivo las personas, no solo las oficinas."),
        ],
    },
    2: {
        "title": "Urbanistas de Los Ángeles estudian {topic} en {city}",
        "topics": [
            "los barrios históricos",
            "la renovación del frente marítimo",
            "las plazas públicas",
            "las rutas ciclistas",
        ],
        "intro": "Un grupo de urbanistas del Ayuntamiento de Los Ángeles viajó a {city} para conocer cómo ha "
        "abordado la ciudad {topic}.",
        "body": [
            ("heading", "Aprender caminando"),
            (
                "paragraph",
                "Los anfitriones de {city} guiaron a los {count} urbanistas en recorridos a pie, deteniéndose a "
                "explicar las decisiones detrás de cada proyecto y lo que hoy harían de otra manera.",
            ),
            ("heading", "Ideas para casa"),
            (
                "paragraph",
                "De vuelta en Los Ángeles, el grupo presentó lo aprendido a sus colegas y a los consejos "
                "vecinales, e invitó a sus anfitriones a devolver la visita.",
            ),
        ],
    },
    3: {
        "title": "Las bibliotecas de Los Ángeles y {city} intercambian colecciones de libros",
        "topics": ["libros infantiles", "poesía", "historia local", "novela gráfica"],
        "intro": "Las bibliotecas públicas de Los Ángeles y {city} se enviaron mutuamente una colección de "
        "{topic}, que ya está en los estantes de ambas ciudades.",
        "body": [
            (
                "paragraph",
                "Cada biblioteca eligió {count} libros que cuentan algo de su ciudad. Las colecciones llegaron en "
                "{month} de {year} y se recibieron con lecturas públicas en las dos ciudades.",
            ),
            ("heading", "Leer de un lado a otro del mundo"),
            (
                "paragraph",
                "Los lectores pueden tomar prestados los libros como cualquier otro, y los bibliotecarios de ambas "
                "ciudades preparan horas del cuento en línea compartidas.",
            ),
        ],
    },
    4: {
        "title": "Una misión comercial de {city} se reúne con exportadores de Los Ángeles",
        "topics": ["alimentación y bebidas", "energías limpias", "diseño", "logística"],
        "intro": "Una misión comercial de {count} empresas de {city} pasó tres días reuniéndose con empresas de "
        "Los Ángeles del sector de {topic}.",
        "body": [
            ("heading", "Tres días de reuniones"),
            (
                "paragraph",
                "La misión, organizada con el comité de ciudades hermanas en {month} de {year}, puso en contacto "
                "a cada empresa visitante con firmas locales de {topic}, desde pequeñas empresas emergentes hasta "
                "grandes exportadoras.",
            ),
            ("quote", "Se puede leer sobre un mercado, pero nada sustituye a sentarse a la misma mesa."),
            ("heading", "Qué salió de ello"),
            (
                "paragraph",
                "Varias empresas acordaron nuevas visitas, y el comité invitará a una misión de Los Ángeles a "
                "viajar a {city} en respuesta.",
            ),
        ],
    },
    5: {
        "title": "Empresas emergentes de {city} presentan sus proyectos a inversores de Los Ángeles",
        "topics": ["tecnología sanitaria", "videojuegos y animación", "tecnología alimentaria", "energías limpias"],
        "intro": "Jóvenes empresas de {city} dedicadas a {topic} presentaron sus ideas a inversores y mentores "
        "en Los Ángeles.",
        "body": [
            (
                "paragraph",
                "{count} fundadores participaron en una semana de talleres que culminó con una jornada de "
                "presentaciones en {month} de {year}. Mentores de Los Ángeles aconsejaron a cada equipo sobre "
                "cómo entrar en el mercado estadounidense.",
            ),
            ("heading", "Una red que perdura"),
            (
                "paragraph",
                "El comité mantiene en contacto a fundadores y mentores con reuniones periódicas en línea, y "
                "espera enviar pronto a emprendedores de Los Ángeles a {city}.",
            ),
        ],
    },
    6: {
        "title": "Una delegación empresarial de Los Ángeles explora {city}",
        "topics": ["turismo", "producción audiovisual", "arquitectura", "moda"],
        "intro": "Empresarios de Los Ángeles viajaron a {city} para conocer a posibles socios del sector de "
        "{topic} y entender el mercado local.",
        "body": [
            ("heading", "Encuentros con socios"),
            (
                "paragraph",
                "Los {count} miembros de la delegación se reunieron con cámaras de comercio y empresas locales de "
                "{topic}, con intérpretes y contactos facilitados por el comité asociado de {city}.",
            ),
            ("heading", "Los siguientes pasos"),
            (
                "paragraph",
                "Los participantes informarán en la próxima reunión del comité, y varios piensan volver a {city} "
                "antes de un año.",
            ),
        ],
    },
    7: {
        "title": "Especialistas portuarios de {city} recorren el puerto de Los Ángeles",
        "topics": [
            "un transporte marítimo más limpio",
            "la seguridad portuaria",
            "la manipulación de carga",
            "la formación de estibadores",
        ],
        "intro": "Especialistas en puertos y logística de {city} visitaron el puerto de Los Ángeles para comparar "
        "sus prácticas en {topic}.",
        "body": [
            (
                "paragraph",
                "Los {count} visitantes pasaron dos días en el puerto en {month} de {year}, conversando con los "
                "responsables de las terminales y con quienes trabajan en los muelles.",
            ),
            ("quote", "Los puertos son el lugar donde nuestras dos ciudades se encuentran cada día."),
            ("heading", "Retos compartidos"),
            (
                "paragraph",
                "Ambas partes coincidieron en que {topic} es un reto para cualquier puerto, y piensan compartir "
                "datos y material de formación.",
            ),
        ],
    },
    8: {
        "title": "Enfermeras de {city} se forman junto a sus colegas de Los Ángeles",
        "topics": [
            "la atención de urgencias",
            "el cuidado de personas mayores",
            "la salud infantil",
            "la salud comunitaria",
        ],
        "intro": "Un grupo de enfermeras de {city} trabajó dos semanas junto a sus colegas de hospitales y clínicas "
        "de Los Ángeles, con especial atención a {topic}.",
        "body": [
            ("heading", "Dos semanas en planta"),
            (
                "paragraph",
                "Cada una de las {count} visitantes formó pareja con una enfermera de Los Ángeles: siguió sus "
                "turnos y asistió a sesiones de formación sobre {topic}.",
            ),
            ("quote", "Cambian los equipos, cambian los pacientes, pero el cuidado es el mismo."),
            ("heading", "La visita de vuelta"),
            (
                "paragraph",
                "El año próximo, enfermeras de Los Ángeles viajarán a {city}; mientras tanto, ambos grupos siguen "
                "en contacto en línea.",
            ),
        ],
    },
    9: {
        "title": "Bomberos de Los Ángeles y {city} comparten su experiencia",
        "topics": [
            "la prevención de incendios forestales",
            "el rescate en edificios altos",
            "la respuesta ante terremotos",
            "la formación de nuevos bomberos",
        ],
        "intro": "Bomberos de {city} y de Los Ángeles se reunieron para intercambiar experiencias sobre {topic}.",
        "body": [
            (
                "paragraph",
                "La semana de ejercicios conjuntos, en {month} de {year}, reunió a {count} bomberos de ambas "
                "ciudades en campos de entrenamiento y parques de bomberos.",
            ),
            ("heading", "Lecciones aprendidas"),
            (
                "paragraph",
                "Cada parte explicó cómo se prepara para {topic}, y los dos cuerpos acordaron compartir sus "
                "planes de formación.",
            ),
        ],
    },
    10: {
        "title": "Arquitectos de {city} y Los Ángeles celebran un taller de diseño",
        "topics": [
            "la vivienda asequible",
            "los edificios sismorresistentes",
            "las calles con sombra",
            "la reutilización de edificios antiguos",
        ],
        "intro": "Arquitectos de ambas ciudades diseñaron juntos durante una semana en torno a {topic}.",
        "body": [
            ("heading", "Un encargo, dos ciudades"),
            (
                "paragraph",
                "Equipos mixtos de arquitectos de {city} y Los Ángeles trabajaron sobre el mismo encargo, "
                "{topic}, y presentaron sus propuestas al público al final de la semana.",
            ),
            ("heading", "Una exposición"),
            (
                "paragraph",
                "Los {count} proyectos se expondrán en las dos ciudades, con la ayuda del comité de ciudades hermanas.",
            ),
        ],
    },
    11: {
        "title": "Periodistas de {city} pasan un mes en redacciones de Los Ángeles",
        "topics": ["la información local", "el periodismo de datos", "la radio", "la fotografía"],
        "intro": "Jóvenes periodistas de {city} trabajaron un mes en redacciones de Los Ángeles, aprendiendo sobre "
        "{topic}.",
        "body": [
            (
                "paragraph",
                "Los {count} periodistas, seleccionados por el comité asociado de {city}, se incorporaron a "
                "equipos locales en {month} de {year} y escribieron sobre la ciudad para los lectores de su país.",
            ),
            ("heading", "Una ciudad vista con otros ojos"),
            (
                "paragraph",
                "Sus editores en Los Ángeles contaron que los visitantes se fijaron en cosas que los reporteros "
                "locales ya no veían. Un grupo de Los Ángeles hará el viaje de vuelta.",
            ),
        ],
    },
    12: {
        "title": "Estudiantes de secundaria de {city} pasan dos semanas en Los Ángeles",
        "topics": ["la ciencia", "las artes", "el medio ambiente", "el deporte"],
        "intro": "{count} estudiantes de secundaria de {city} se alojaron con familias de Los Ángeles y asistieron "
        "a clase en un centro asociado, con un programa dedicado a {topic}.",
        "body": [
            ("heading", "Familias anfitrionas"),
            (
                "paragraph",
                "Cada estudiante vivió dos semanas con una familia de Los Ángeles en {month} de {year}: comidas, "
                "fines de semana y el trayecto diario al instituto.",
            ),
            ("heading", "En el instituto"),
            (
                "paragraph",
                "Las mañanas eran para las clases; las tardes, para proyectos sobre {topic} con sus compañeros "
                "de Los Ángeles.",
            ),
            ("quote", "Vine a conocer Los Ángeles y me voy con una segunda familia."),
        ],
    },
    13: {
        "title": "Cartas y amistad unen aulas de Los Ángeles y {city}",
        "topics": ["cartas", "videollamadas", "proyectos de ciencias compartidos", "un blog de clase"],
        "intro": "Alumnos de Los Ángeles y de {city} se están conociendo a través de {topic}.",
        "body": [
            (
                "paragraph",
                "El programa, que empezó en {month} de {year}, une ya {count} aulas. Los docentes de ambas "
                "ciudades planifican juntos el curso.",
            ),
            ("heading", "Lo que aprenden los niños"),
            (
                "paragraph",
                "Además de idiomas y geografía, los alumnos descubren cuánto comparten con niños del otro lado "
                "del mundo.",
            ),
        ],
    },
    14: {
        "title": "Una beca lleva a una estudiante de Los Ángeles a {city}",
        "topics": ["ingeniería", "historia", "música", "salud pública"],
        "intro": "La beca de ciudades hermanas de este año permite a una estudiante de Los Ángeles pasar un "
        "semestre estudiando {topic} en {city}.",
        "body": [
            ("heading", "La beca"),
            (
                "paragraph",
                "La beca cubre el viaje y los gastos de manutención. El comité eligió a la becaria de este año "
                "entre {count} candidaturas en {month} de {year}.",
            ),
            ("heading", "De vuelta, el relato"),
            (
                "paragraph",
                "La estudiante escribirá en este sitio durante el semestre y, a su regreso, hablará en la "
                "reunión anual del comité.",
            ),
        ],
    },
    15: {
        "title": "Docentes de {city} y Los Ángeles comparten planes de clase",
        "topics": ["ciencias", "arte", "educación ambiental", "matemáticas"],
        "intro": "Docentes de las dos ciudades se reunieron para compartir cómo enseñan {topic}.",
        "body": [
            (
                "paragraph",
                "Los {count} docentes pasaron una semana en las aulas de sus colegas en {month} de {year} y "
                "después prepararon juntos clases que ambas escuelas pueden usar.",
            ),
            ("heading", "Clases para las dos ciudades"),
            (
                "paragraph",
                "El comité de ciudades hermanas comparte estos planes de clase con otras escuelas.",
            ),
        ],
    },
}
