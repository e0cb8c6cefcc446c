"""The words of the demo site, all written for this project.

Facts about the partner cities come from ``cities/data/la_sister_cities.json``; everything here is
our own prose around them. Invented details (committee chairs, stories, quotes) say they are samples.
"""

SAMPLE_NOTE = "This is sample content for the demo site."
SAMPLE_CHAIR = "Sample Chair"

# Work waiting on the program office's dashboard: a visitor's suggestion to review (the e-mail address
# marks it as the demo's, for --reset), and the day the profiles of partnerships that are not active
# were last published (more than a year before any run, so the dashboard lists them for a check).
SAMPLE_SUGGESTION = {
    "title": "Sister City Youth Film Festival",
    "link_url": "https://example.org/youth-film-festival",
    "description": "A yearly festival of short films made by students in Los Angeles and its partner cities. "
    "(A sample suggestion for the demo site.)",
    "category": "culture",
    "city": "Nagoya",
    "submitter_name": "Sample Visitor",
    "submitter_email": "visitor@example.org",
}
INACTIVE_PROFILES_LAST_PUBLISHED = "2024-06-03T17:00:00+00:00"
IMAGE_CREDIT = "Generated sample image"

SITE_NAME = "Sister Cities of Los Angeles"
HOME_INTRO = (
    "Since 1959 Los Angeles has built partnerships with cities around the world. Meet our sister and "
    "friendship cities, read stories of exchanges between their people and ours, and find what you need "
    "to take part."
)
HOME_BODY_HEADING = "Get involved"
# {about}, {stories} and {resources} become links to those pages.
HOME_BODY_PARAGRAPH = (
    "Each partnership is looked after by volunteers who organise visits, festivals, scholarships and trade "
    "missions. Find out {about}, read {stories} or browse {resources} for your own exchange."
)

CITY_INDEX_TITLE = "Partner cities"
# Filled in from the fixture's counts.
CITY_INDEX_INTRO = (
    "Los Angeles has {total} partner cities: {sister} sister cities, each with a formal agreement signed by "
    "the leaders of both cities, and {friendship} friendship cities with a looser tie. Sort them by year, "
    "name or country."
)
STORY_INDEX_TITLE = "Stories"
STORY_INDEX_INTRO = (
    "Stories of exchanges between Los Angeles and its partner cities: official visits, festivals, "
    "scholarships, training and trade missions. Filter them by city or by kind of exchange."
)
RESOURCE_INDEX_TITLE = "Resources"
RESOURCE_INDEX_INTRO = (
    "Useful links and documents for anyone taking part in an exchange: travel and visas, funding, study, "
    "culture and business, and the program's own forms and guides."
)
ABOUT_INTRO = "What a sister city is, and what taking part in the Sister Cities of Los Angeles program offers."
# The client's text stops at "Send the information to": we finish the sentence. {resources} is a link.
ABOUT_CUT_OFF = "Have a useful resource to add to our list? Send the information to"
ABOUT_COMPLETED = (
    "Have a useful resource to add to our list? Send the information to the committee of the partner city "
    "it concerns: you will find its contact on the city's page. See what we already share on our {resources}."
)

EXCHANGE_TYPES = [
    # slug, name, description
    (
        "municipal",
        "Municipal",
        "City governments learning from each other: officials and staff compare how they run transport, water, "
        "parks, safety and other public services.",
    ),
    (
        "business",
        "Business",
        "Trade missions, investment and partnerships between companies and chambers of commerce in the two cities.",
    ),
    (
        "professional",
        "Professional",
        "People in the same line of work, such as nurses, firefighters, architects or journalists, visiting "
        "and training with their counterparts.",
    ),
    (
        "educational",
        "Educational",
        "Student and teacher exchanges, school partnerships, scholarships and youth programs.",
    ),
    (
        "cultural",
        "Cultural",
        "Music, art, film, food and festivals that bring the people of the two cities together.",
    ),
]

RESOURCE_CATEGORIES = [
    # slug, name, description
    ("travel", "Travel and visas", "Passports, visas, health and safety for trips in either direction."),
    ("grants-and-funding", "Grants and funding", "Where to look for money for an exchange or a project."),
    ("education", "Education and study abroad", "Programs and advice for students, teachers and scholars."),
    ("culture", "Arts and culture", "Support for artists and cultural organisations, and guides to the city."),
    ("business", "Business and trade", "Help for companies trading with our partner cities."),
    ("partner-cities", "Partner city websites", "Our partner cities' own official websites."),
    ("program-documents", "Program documents", "Forms, checklists and guides from the program office."),
]

# External resources: title, address, category slug, description, related city names (fixture names).
LINK_RESOURCES = [
    (
        "Travel.State.Gov: passports, visas and advisories",
        "https://travel.state.gov/",
        "travel",
        "The U.S. Department of State's site for travellers: how to apply for or renew a passport, which "
        "countries need a visa, and the current travel advisory for each country. Check it before any trip.",
        [],
    ),
    (
        "Smart Traveler Enrollment Program (STEP)",
        "https://step.state.gov/",
        "travel",
        "A free State Department service: register your trip so that the nearest U.S. embassy can send you "
        "safety updates and reach you in an emergency. Useful for delegations and students going abroad.",
        [],
    ),
    (
        "Travelers' Health (CDC)",
        "https://wwwnc.cdc.gov/travel",
        "travel",
        "Vaccinations and health advice for each destination, from the U.S. Centers for Disease Control and "
        "Prevention. Look up your partner city's country a few weeks before you leave.",
        [],
    ),
    (
        "Official ESTA application (Visa Waiver Program)",
        "https://esta.cbp.dhs.gov/",
        "travel",
        "Visitors from many countries need an approved ESTA before flying to the United States without a visa. "
        "Send your guests this official address: look-alike sites charge extra fees.",
        [],
    ),
    (
        "Consulate General of France in Los Angeles",
        "https://losangeles.consulfrance.org/",
        "travel",
        "The French consulate serving Southern California: visas for France and news of French events in the "
        "region. Handy for exchanges with Bordeaux.",
        ["Bordeaux"],
    ),
    (
        "Sister Cities International",
        "https://sister-cities.org/",
        "grants-and-funding",
        "The national network of sister city programs in the United States, with guidance on running a "
        "partnership, news of grants and awards, and ideas from other cities.",
        [],
    ),
    (
        "Exchange programs of the U.S. Department of State",
        "https://exchanges.state.gov/",
        "grants-and-funding",
        "A directory of government-funded exchanges for students, teachers, professionals and young leaders: "
        "a good starting point when looking for money for a visit in either direction.",
        [],
    ),
    (
        "Grants.gov",
        "https://www.grants.gov/",
        "grants-and-funding",
        "The one place to search and apply for U.S. federal grants, including some for international, "
        "educational and cultural projects.",
        [],
    ),
    (
        "National Endowment for the Arts",
        "https://www.arts.gov/",
        "grants-and-funding",
        "The federal agency that funds arts projects across the country. See its grants pages for programs "
        "and deadlines before planning a cultural exchange.",
        [],
    ),
    (
        "Fulbright Program",
        "https://fulbrightprogram.org/",
        "education",
        "The U.S. government's best-known exchange for students, scholars and teachers, with programs in many "
        "of our partner cities' countries.",
        [],
    ),
    (
        "EducationUSA",
        "https://educationusa.state.gov/",
        "education",
        "The State Department's network of advising centres for students abroad who want to study in the "
        "United States. Point students from partner cities here.",
        [],
    ),
    (
        "Los Angeles Public Library",
        "https://www.lapl.org/",
        "education",
        "Books, online learning and free events across the city's libraries: a good place to read up on a "
        "partner city before a visit.",
        [],
    ),
    (
        "Department of Cultural Affairs, City of Los Angeles",
        "https://culturela.org/",
        "culture",
        "The city department that supports the arts in Los Angeles: grants to artists and organisations, "
        "public art, and cultural centres across the city.",
        [],
    ),
    (
        "Discover Los Angeles",
        "https://www.discoverlosangeles.com/",
        "culture",
        "The official visitor guide to Los Angeles: neighbourhoods, museums, events and places to eat. Share "
        "it with guests from partner cities before they arrive.",
        [],
    ),
    (
        "Port of Los Angeles",
        "https://www.portoflosangeles.org/",
        "business",
        "The city's port, the busiest container port in the United States. Its site has trade figures, "
        "programs for exporters and information on tours.",
        [],
    ),
    (
        "International Trade Administration",
        "https://www.trade.gov/",
        "business",
        "The U.S. Department of Commerce agency that helps American businesses export, with market guides "
        "for each country.",
        [],
    ),
    (
        "Los Angeles County Economic Development Corporation",
        "https://laedc.org/",
        "business",
        "A nonprofit working to grow the regional economy, with research on the industries and trade of "
        "Los Angeles County.",
        [],
    ),
    (
        "Busan Metropolitan City: Los Angeles",
        "https://www.busan.go.kr/eng/LosAngeles",
        "partner-cities",
        "Busan's own page about its sister city tie with Los Angeles, on the city's English-language website.",
        ["Busan"],
    ),
    (
        "City of Nagoya (in English)",
        "https://www.city.nagoya.jp/en/",
        "partner-cities",
        "The City of Nagoya's website in English, with information for visitors and residents.",
        ["Nagoya"],
    ),
    (
        "Berlin.de (in English)",
        "https://www.berlin.de/en/",
        "partner-cities",
        "Berlin's official city portal in English: visiting, living and doing business in the German capital.",
        ["Berlin"],
    ),
    (
        "City of Vancouver",
        "https://vancouver.ca/",
        "partner-cities",
        "The City of Vancouver's official website: city services, news and information for visitors.",
        ["Vancouver"],
    ),
]

# Documents we generate and host: title, file name, category slug, description, file contents.
CHECKLIST_PARAGRAPHS = [
    "This is a sample document for the demo site of Sister Cities of Los Angeles.",
    "Before the visit: agree dates and a program with the partner committee; check visas and travel "
    "insurance; book meeting rooms and transport; find host families or hotels; tell City Hall and the "
    "press office who is coming.",
    "During the visit: meet guests on arrival; give each of them a printed program and an emergency "
    "contact; keep one volunteer free to deal with the unexpected; take photographs, with permission.",
    "After the visit: thank hosts and speakers; collect receipts; write a short report with pictures for "
    "the committee and the website; agree the next step with the partner city.",
]
PARTICIPANT_FORM = """\
SISTER CITIES OF LOS ANGELES - EXCHANGE PARTICIPANT INFORMATION FORM (SAMPLE)

This is a sample document for the demo site. Do not send personal details to this address.

Exchange (city and dates): ______________________________
Full name, as in passport: ______________________________
Date of birth: __________________________________________
Passport number and expiry date: ________________________
Email and phone: ________________________________________
Emergency contact (name, relation, phone): ______________
Dietary needs or allergies: _____________________________
Medical information the organisers should know: _________

I have read the exchange program and agree to follow the organisers' instructions.

Signature: ______________________   Date: ______________
"""
DOCUMENT_RESOURCES = [
    (
        "Hosting a visiting delegation: a checklist",
        "demo-hosting-checklist.pdf",
        "program-documents",
        "A one-page checklist for committees hosting visitors from a partner city: before, during and after "
        "the visit. A sample document made for the demo site.",
    ),
    (
        "Exchange participant information form",
        "demo-participant-form.txt",
        "program-documents",
        "A plain-text form for people joining an exchange trip: contact details, emergency contact and "
        "travel documents. A sample document made for the demo site.",
    ),
]

# The six featured cities on the home page, one per region.
FEATURED_CITIES = ["Nagoya", "Berlin", "Mexico City", "Salvador", "Lusaka", "Auckland"]

# One or two sentences on each city, in our own words. The sentence on the partnership is added from the
# fixture's facts (see home.demo.cities.summary), so the two cannot disagree.
CITY_DESCRIPTIONS = {
    "Eilat": "Eilat is Israel's southernmost city, a port and resort on the Red Sea known for its coral reefs "
    "and desert mountains.",
    "Nagoya": "Nagoya, capital of Aichi Prefecture, is a centre of Japanese manufacturing known for its castle "
    "and its car and aerospace industries.",
    "Salvador": "Salvador, capital of the Brazilian state of Bahia, was Brazil's first capital and is known for "
    "its historic Pelourinho district and its Afro-Brazilian music and food.",
    "Bordeaux": "Bordeaux, a port on the Garonne in south-western France, is known worldwide for the wines of "
    "its region and for its eighteenth-century stone architecture.",
    "Berlin": "Berlin is the capital and largest city of Germany, known for its museums and music and for the "
    "history of its division during the Cold War.",
    "Busan": "Busan is South Korea's second-largest city and its busiest port, on the country's south-east "
    "coast, known for its beaches and its international film festival.",
    "Lusaka": "Lusaka is the capital and largest city of Zambia, on a plateau in the south-centre of the country.",
    "Mexico City": "Mexico City, the capital of Mexico, is one of the largest cities in the Americas, built on "
    "the site of the Aztec capital Tenochtitlan.",
    "Auckland": "Auckland is New Zealand's largest city, spread across an isthmus between two harbours and "
    "known for its volcanic cones and its love of sailing.",
    "Mumbai": "Mumbai, capital of the Indian state of Maharashtra, is India's financial centre and the home of "
    "the Hindi film industry.",
    "Tehran": "Tehran is the capital and largest city of Iran, at the foot of the Alborz mountains.",
    "Taipei": "Taipei is Taiwan's political and economic centre, known for the Taipei 101 tower and its night markets.",
    "Guangzhou": "Guangzhou, capital of Guangdong province in southern China, is a historic trading port on the "
    "Pearl River and home of the Canton Fair.",
    "Athens": "Athens, the capital of Greece, is one of the world's oldest cities and the home of the Acropolis.",
    "Vancouver": "Vancouver is a Pacific port city in the Canadian province of British Columbia, set between "
    "the mountains and the sea.",
    "Giza": "Giza, on the west bank of the Nile beside Cairo, is home to the Great Pyramids and the Sphinx.",
    "St. Petersburg": "St. Petersburg, Russia's second-largest city, was founded by Peter the Great in 1703 and "
    "is known for the Hermitage Museum and its canals.",
    "Jakarta": "Jakarta, Indonesia's largest city, lies on the north-west coast of Java and is the country's "
    "centre of business and government.",
    "Kaunas": "Kaunas, Lithuania's second-largest city, stands where the Neris and Nemunas rivers meet and was "
    "the country's temporary capital between the two world wars.",
    "Makati": "Makati, in Metro Manila, is one of the main financial and business districts of the Philippines.",
    "Split": "Split, Croatia's second-largest city, lies on the Adriatic coast and grew up around the palace of "
    "the Roman emperor Diocletian.",
    "San Salvador": "San Salvador is the capital and largest city of El Salvador, in a valley below the San "
    "Salvador volcano. Los Angeles is home to a large Salvadoran community.",
    "Beirut": "Beirut, the capital of Lebanon, is a Mediterranean port city with a history of more than five "
    "thousand years.",
    "Ischia": "Ischia is a volcanic island in the Gulf of Naples, in Italy, known for its thermal springs and beaches.",
    "Yerevan": "Yerevan, the capital of Armenia, is one of the oldest continuously inhabited cities in the "
    "world. Los Angeles is home to a large Armenian community.",
    "Manchester": "Manchester, in north-west England, was a cradle of the Industrial Revolution and is known "
    "today for its music and its football clubs.",
    "London": "London, the capital of the United Kingdom, is a world centre of finance, government and the arts.",
    "Łódź": "Łódź, in central Poland, grew as a centre of the textile industry and is known for its national "
    "film school.",
}

# A sentence after the one on the partnership, where there is something to add.
CITY_NOTES = {
    "Nagoya": "With Eilat, it was one of the program's first two partners.",
    "Lusaka": "It was the program's first partner city in Africa.",
    "Athens": "That was the year Los Angeles hosted the Summer Olympic Games.",
}

# --- Stories ----------------------------------------------------------------
# Each template makes a story about one partner city ({city}, {country}) or, with "cities": 3, several
# ({cities}). Other slots: {topic} (one of the template's topics), {count}, {month}, {year}, {since}
# ("since 1967" or "for many years"). Every intro ends with SAMPLE_NOTE.
AUTHORS = ["Program office", "Communications team", "Committee volunteers", "Youth exchange team"]

STORY_TEMPLATES = [
    {
        "types": ["municipal"],
        "title": "{city} and Los Angeles compare notes on {topic}",
        "topics": ["water conservation", "public transport", "emergency preparedness", "street trees", "recycling"],
        "intro": "City staff from {city} spent a week with their Los Angeles counterparts to see how each city "
        "handles {topic}.",
        "body": [
            ("heading", "A shared challenge"),
            (
                "paragraph",
                "Both cities deal with {topic} every day, at different scales and in different climates. The "
                "visit in {month} {year} began at City Hall with short talks from each side, followed by site "
                "visits chosen by the hosts.",
            ),
            ("heading", "What the visitors saw"),
            (
                "paragraph",
                "Over five days the {count} visitors met engineers, planners and the people who run services on "
                "the ground. Evenings were left free for exploring Los Angeles with committee volunteers.",
            ),
            (
                "quote",
                "We came with a list of questions and leave with a longer one, which is what a good visit should do.",
            ),
            ("heading", "Next steps"),
            (
                "paragraph",
                "Staff from both cities agreed to meet online every few months and to share what each side "
                "writes on {topic}.",
            ),
        ],
        "tags": ["city hall", "delegation"],
    },
    {
        "types": ["municipal"],
        "title": "Official delegation from {city} renews ties with Los Angeles",
        "topics": ["youth programs", "trade", "culture", "climate"],
        "intro": "Officials from {city} met Los Angeles city leaders to renew the partnership and plan the next "
        "years of exchanges, with a new focus on {topic}.",
        "body": [
            (
                "paragraph",
                "Los Angeles and {city} have worked together {since}. In {month} {year} a delegation of {count} "
                "officials and volunteers came to take stock and to look ahead.",
            ),
            ("heading", "A plan for the coming years"),
            (
                "paragraph",
                "The two sides agreed to put {topic} at the centre of the next exchanges, and to invite schools, "
                "businesses and community groups in both cities to suggest projects.",
            ),
            ("quote", "A partnership lasts when people, not just offices, keep it alive."),
        ],
        "tags": ["delegation", "city hall"],
    },
    {
        "types": ["municipal", "professional"],
        "title": "Los Angeles planners study {topic} in {city}",
        "topics": ["historic districts", "waterfront renewal", "public squares", "cycling routes"],
        "intro": "A group of Los Angeles city planners travelled to {city} to learn how the city has approached "
        "{topic}.",
        "body": [
            ("heading", "Learning on foot"),
            (
                "paragraph",
                "Hosts in {city} led the {count} planners on walking tours, stopping to explain the decisions "
                "behind each project and what they would do differently today.",
            ),
            ("heading", "Bringing ideas home"),
            (
                "paragraph",
                "Back in Los Angeles, the group presented what they saw to colleagues and neighbourhood councils, "
                "and invited their hosts to make the return visit.",
            ),
        ],
        "tags": ["planning", "urban design"],
    },
    {
        "types": ["municipal", "cultural"],
        "title": "Libraries of Los Angeles and {city} exchange book collections",
        "topics": ["children's books", "poetry", "local history", "graphic novels"],
        "intro": "Public libraries in Los Angeles and {city} each sent the other a collection of {topic}, now on "
        "the shelves in both cities.",
        "body": [
            (
                "paragraph",
                "Each library chose {count} books that say something about its city. The collections arrived in "
                "{month} {year} and were welcomed with readings in both cities.",
            ),
            ("heading", "Reading across the world"),
            (
                "paragraph",
                "Readers may borrow the books like any others, and librarians in both cities are planning online "
                "story hours together.",
            ),
        ],
        "tags": ["libraries", "books"],
    },
    {
        "types": ["business"],
        "title": "Trade mission from {city} meets Los Angeles exporters",
        "topics": ["food and drink", "clean energy", "design", "logistics"],
        "intro": "A trade mission of {count} companies from {city} spent three days meeting Los Angeles businesses "
        "working in {topic}.",
        "body": [
            ("heading", "Three days of meetings"),
            (
                "paragraph",
                "The mission, organised with the sister city committee in {month} {year}, paired each visiting "
                "company with local firms in {topic}, from small start-ups to large exporters.",
            ),
            ("quote", "You can read about a market, but nothing replaces sitting at the same table."),
            ("heading", "What came of it"),
            (
                "paragraph",
                "Several companies agreed to follow-up visits, and the committee will invite a Los Angeles "
                "mission to {city} in return.",
            ),
        ],
        "tags": ["trade", "business"],
    },
    {
        "types": ["business"],
        "title": "Start-ups from {city} pitch to Los Angeles investors",
        "topics": ["health technology", "games and animation", "food technology", "clean energy"],
        "intro": "Young companies from {city} working in {topic} presented their ideas to investors and mentors "
        "in Los Angeles.",
        "body": [
            (
                "paragraph",
                "{count} founders took part in a week of workshops ending with a pitch day in {month} {year}. "
                "Mentors from Los Angeles gave each team advice on entering the American market.",
            ),
            ("heading", "A network that lasts"),
            (
                "paragraph",
                "The committee keeps the founders and mentors in touch through regular online meetings, and hopes "
                "to send Los Angeles founders to {city} next.",
            ),
        ],
        "tags": ["start-ups", "technology"],
    },
    {
        "types": ["business"],
        "title": "Los Angeles business delegation explores {city}",
        "topics": ["tourism", "film production", "architecture", "fashion"],
        "intro": "Business owners from Los Angeles travelled to {city} to meet partners in {topic} and to learn "
        "about the local market.",
        "body": [
            ("heading", "Meeting partners"),
            (
                "paragraph",
                "The {count} members of the delegation met local chambers of commerce and companies in {topic}, "
                "with interpreters and introductions arranged by the partner committee in {city}.",
            ),
            ("heading", "Following up"),
            (
                "paragraph",
                "Members will report back at the committee's next meeting, and several plan to return to {city} "
                "within the year.",
            ),
        ],
        "tags": ["trade", "delegation"],
    },
    {
        "types": ["business", "professional"],
        "title": "Port specialists from {city} tour the Los Angeles harbour",
        "topics": ["cleaner shipping", "port safety", "cargo handling", "training for dock workers"],
        "intro": "Port and logistics specialists from {city} visited the Los Angeles harbour to compare practice "
        "on {topic}.",
        "body": [
            (
                "paragraph",
                "The {count} visitors spent two days at the harbour in {month} {year}, meeting terminal managers "
                "and the people who work on the docks.",
            ),
            ("quote", "Ports are where our two cities meet every single day."),
            ("heading", "Shared challenges"),
            (
                "paragraph",
                "Both sides agreed that {topic} is a challenge for every port, and plan to share data and "
                "training material.",
            ),
        ],
        "tags": ["port", "logistics"],
    },
    {
        "types": ["professional"],
        "title": "Nurses from {city} train alongside Los Angeles colleagues",
        "topics": ["emergency care", "care of older people", "children's health", "community health"],
        "intro": "A group of nurses from {city} spent two weeks working alongside colleagues in Los Angeles "
        "hospitals and clinics, with a focus on {topic}.",
        "body": [
            ("heading", "Two weeks on the wards"),
            (
                "paragraph",
                "Each of the {count} visitors was paired with a Los Angeles nurse, following their shifts and "
                "joining training sessions on {topic}.",
            ),
            ("quote", "The equipment differs, the patients differ, but the care is the same."),
            ("heading", "The return visit"),
            (
                "paragraph",
                "Nurses from Los Angeles will travel to {city} next year, and both groups keep in touch online "
                "in the meantime.",
            ),
        ],
        "tags": ["health", "training"],
    },
    {
        "types": ["professional", "municipal"],
        "title": "Firefighters from Los Angeles and {city} share know-how",
        "topics": ["wildfire prevention", "rescue from tall buildings", "earthquake response", "training recruits"],
        "intro": "Firefighters from {city} and Los Angeles met to exchange experience of {topic}.",
        "body": [
            (
                "paragraph",
                "The week of joint exercises in {month} {year} brought together {count} firefighters from both "
                "cities, at training grounds and fire stations.",
            ),
            ("heading", "Lessons learned"),
            (
                "paragraph",
                "Each side presented how it prepares for {topic}, and the two departments agreed to share "
                "training plans.",
            ),
        ],
        "tags": ["firefighters", "safety"],
    },
    {
        "types": ["professional"],
        "title": "Architects from {city} and Los Angeles hold a design workshop",
        "topics": ["affordable housing", "earthquake-resistant buildings", "shaded streets", "reusing old buildings"],
        "intro": "Architects from both cities spent a week designing together, on the theme of {topic}.",
        "body": [
            ("heading", "One brief, two cities"),
            (
                "paragraph",
                "Mixed teams of architects from {city} and Los Angeles worked on the same brief, {topic}, and "
                "presented their designs to the public at the end of the week.",
            ),
            ("heading", "An exhibition"),
            (
                "paragraph",
                "The {count} designs will be shown in both cities, with the help of the sister city committee.",
            ),
        ],
        "tags": ["architecture", "design"],
    },
    {
        "types": ["professional", "cultural"],
        "title": "Journalists from {city} spend a month in Los Angeles newsrooms",
        "topics": ["local news", "data journalism", "radio", "photography"],
        "intro": "Young journalists from {city} worked in Los Angeles newsrooms for a month, learning about {topic}.",
        "body": [
            (
                "paragraph",
                "The {count} journalists, chosen by the partner committee in {city}, joined local teams in "
                "{month} {year} and wrote stories about the city for readers at home.",
            ),
            ("heading", "Seeing a city through new eyes"),
            (
                "paragraph",
                "Their editors in Los Angeles said the visitors noticed things local reporters had stopped "
                "seeing. A group from Los Angeles will make the return trip.",
            ),
        ],
        "tags": ["journalism", "media"],
    },
    {
        "types": ["educational"],
        "title": "High school students from {city} spend two weeks in Los Angeles",
        "topics": ["science", "the arts", "the environment", "sport"],
        "intro": "{count} high school students from {city} stayed with host families in Los Angeles and joined "
        "classes at a partner school, with a program built around {topic}.",
        "body": [
            ("heading", "Host families"),
            (
                "paragraph",
                "Each student lived with a Los Angeles family for two weeks in {month} {year}, sharing meals, "
                "weekends and the daily trip to school.",
            ),
            ("heading", "At school"),
            (
                "paragraph",
                "Mornings were spent in class, afternoons on projects about {topic} with their Los Angeles partners.",
            ),
            ("quote", "I came to see Los Angeles and I leave with a second family."),
        ],
        "tags": ["students", "youth", "host families"],
    },
    {
        "types": ["educational"],
        "title": "Pen pals link classrooms in Los Angeles and {city}",
        "topics": ["letters", "video calls", "shared science projects", "a class blog"],
        "intro": "Pupils in Los Angeles and {city} have been getting to know each other through {topic}.",
        "body": [
            (
                "paragraph",
                "The program, started in {month} {year}, now links {count} classrooms. Teachers in both cities "
                "plan the year together.",
            ),
            ("heading", "What the children learn"),
            (
                "paragraph",
                "Beyond language and geography, pupils learn how much they share with children on the other "
                "side of the world.",
            ),
        ],
        "tags": ["schools", "children"],
    },
    {
        "types": ["educational"],
        "title": "Scholarship takes a Los Angeles student to {city}",
        "topics": ["engineering", "history", "music", "public health"],
        "intro": "This year's sister city scholarship lets a Los Angeles student spend a semester studying "
        "{topic} in {city}.",
        "body": [
            ("heading", "The scholarship"),
            (
                "paragraph",
                "The scholarship pays for travel and living costs. The committee chose this year's student "
                "from {count} applicants in {month} {year}.",
            ),
            ("heading", "Reporting back"),
            (
                "paragraph",
                "The student will write for this site during the semester and speak at the committee's annual "
                "meeting on their return.",
            ),
        ],
        "tags": ["scholarship", "students"],
    },
    {
        "types": ["educational", "professional"],
        "title": "Teachers from {city} and Los Angeles share lesson plans",
        "topics": ["science", "art", "teaching about the environment", "mathematics"],
        "intro": "Teachers from the two cities met to share how they teach {topic}.",
        "body": [
            (
                "paragraph",
                "The {count} teachers spent a week in each other's classrooms in {month} {year}, then worked "
                "together on lessons both schools can use.",
            ),
            ("heading", "Lessons for both cities"),
            ("paragraph", "The lesson plans are shared with other schools through the sister city committee."),
        ],
        "tags": ["teachers", "schools"],
    },
    {
        "types": ["cultural"],
        "title": "Musicians from {city} play a free concert in Los Angeles",
        "topics": ["folk music", "jazz", "a youth orchestra", "a choir"],
        "intro": "Musicians from {city} gave a free open-air concert in Los Angeles, featuring {topic}.",
        "body": [
            ("heading", "An evening of music"),
            (
                "paragraph",
                "The {count} performers played to a full audience in {month} {year}, and were joined on stage "
                "by Los Angeles musicians for the final pieces.",
            ),
            ("quote", "Music needs no interpreter."),
            ("heading", "Workshops"),
            (
                "paragraph",
                "Before the concert the visitors led workshops for young musicians in Los Angeles schools.",
            ),
        ],
        "tags": ["music", "concert"],
    },
    {
        "types": ["cultural"],
        "title": "Film week brings the cinema of {city} to Los Angeles",
        "topics": ["documentaries", "short films", "animation", "classic films"],
        "intro": "A week of screenings brought {topic} from {city} to Los Angeles audiences.",
        "body": [
            (
                "paragraph",
                "The program of {count} films, shown in {month} {year}, was chosen by film lovers in both "
                "cities. Several directors came to answer questions after the screenings.",
            ),
            ("heading", "A second week in {city}"),
            ("paragraph", "A program of films from Los Angeles is planned in {city} next year."),
        ],
        "tags": ["film", "festival"],
    },
    {
        "types": ["cultural"],
        "title": "Food festival celebrates the kitchens of {city}",
        "topics": ["street food", "home cooking", "baking", "family recipes"],
        "intro": "Cooks from {city} and Los Angeles shared {topic} at a weekend food festival.",
        "body": [
            ("heading", "A weekend of cooking"),
            (
                "paragraph",
                "Over two days in {month} {year}, {count} cooks ran stalls and demonstrations, and visitors were "
                "invited to cook alongside them.",
            ),
            ("quote", "The quickest way to know a city is through its kitchen."),
        ],
        "tags": ["food", "festival"],
    },
    {
        "types": ["cultural", "educational"],
        "title": "Artists from Los Angeles and {city} paint a mural together",
        "topics": ["the sea", "friendship", "the two cities' skylines", "the seasons"],
        "intro": "Artists from both cities worked with local young people on a mural on the theme of {topic}.",
        "body": [
            (
                "paragraph",
                "The mural took {count} days to paint in {month} {year}. Young people from the neighbourhood "
                "helped design it and paint it.",
            ),
            ("heading", "A twin in {city}"),
            (
                "paragraph",
                "A second mural on the same theme is planned in {city}, so that each city has a picture of the "
                "friendship.",
            ),
        ],
        "tags": ["art", "youth"],
    },
    {
        "types": ["cultural"],
        "cities": 3,
        "title": "Performers from {cities} share a stage in Los Angeles",
        "topics": ["dance", "music", "theatre"],
        "intro": "A one-day festival brought performers from three partner cities, {cities}, to Los Angeles.",
        "body": [
            ("heading", "Three cities, one stage"),
            (
                "paragraph",
                "The festival in {month} {year} brought {count} performers of {topic} together, with a finale in "
                "which the three groups performed together.",
            ),
            ("paragraph", "Each sister city committee helped with the travel and hosted its own performers."),
        ],
        "tags": ["festival", "performance"],
    },
    {
        "types": ["educational", "cultural"],
        "cities": 3,
        "title": "Young people from {cities} meet at a Los Angeles youth summit",
        "topics": ["climate", "sport", "the arts"],
        "intro": "Young people from three partner cities, {cities}, met in Los Angeles for a summit on {topic}.",
        "body": [
            (
                "paragraph",
                "The {count} delegates, aged 16 to 21, spent four days in workshops and debates in {month} {year}, "
                "and agreed a short statement to present to the mayors of their cities.",
            ),
            ("quote", "We found we had more in common than we expected."),
            ("heading", "Staying in touch"),
            ("paragraph", "The delegates keep working together online and hope to meet again next year."),
        ],
        "tags": ["youth", "summit"],
    },
]
