from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """Running the site: backup and restore, the health check, answers while a service is down.

    It needs only Django's settings and the libraries, never another app of the project, so any
    app may sit above it.
    """

    name = "operations"
    verbose_name = "运维"
