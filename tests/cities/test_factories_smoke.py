from cities.factories import CityPageFactory, ExchangeTypeFactory, StoryPageFactory


def test_story_links_cities_and_exchange_types(city_index, story_index):
    city = CityPageFactory(parent=city_index, title="Nagoya")
    cultural = ExchangeTypeFactory(name="Cultural", slug="cultural")
    story = StoryPageFactory(parent=story_index, cities=[city], exchange_types=[cultural])
    assert list(city.get_stories()) == [story]
    assert list(story.exchange_types.all()) == [cultural]
