from django.apps import AppConfig


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = "Partner cities, stories and resources"

    def ready(self):
        # The views of the pages' extra routes (feeds, suggestions) register themselves on import
        # (home/routes.py): the models declare the routes and import no view. Each committee's group,
        # collection and permissions follow the committee (committees.py: signal handlers).
        from . import committees, feeds, suggestions  # noqa: F401
