"""Settings for the REGLAB homework portal, read from the environment.

The default database engine is SQLite, so one can just check out the code and it
works; set DATABASE_URL=postgres://… for PostgreSQL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).lower() in ("1", "true", "yes", "on")


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "1")
# The development key is public (it is in this file): a server with DEBUG=0 refuses to
# start without a key of its own, rather than sign sessions with it.
DEVELOPMENT_SECRET_KEY = "dev-only-not-secret-change-me-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip() or DEVELOPMENT_SECRET_KEY
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. With DEBUG=0 set SECRET_KEY in the environment to a long "
        "random value, e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "csp",
    "simple_history",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    "reglab",
    "accounts",
    "synthesis",
    "submissions",
    "interviews",
    "workshop",
    "notifications",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "reglab.middleware.SwedishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "reglab.middleware.PostGuardMiddleware",  # before CSRF: see its docstring
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A throttled view (django-ratelimit) answers with the 429 page, not a 403.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "reglab.urls"
WSGI_APPLICATION = "reglab.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "reglab.context_processors.membership",
            ],
        },
    },
]

# Each gunicorn thread keeps its database connection for CONN_MAX_AGE seconds (checked
# before reuse) instead of opening one per request: on PostgreSQL that is most of the
# time of a cached page.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Swedish first, English available.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "reglab.staticfinders.PlotlyFinder",
]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Re-tagging after a taxonomy change runs in the request up to this many texts
# (submissions + interviews), and as a background task beyond (run `manage.py db_worker`).
RETAG_INLINE_LIMIT = int(os.environ.get("RETAG_INLINE_LIMIT", "2000"))
# Worker processes of a background re-tag (python manage.py db_worker); one per core.
RETAG_PROCESSES = int(os.environ.get("RETAG_PROCESSES", str(os.cpu_count() or 1)))
# Exports (tags.csv, tags.xlsx, project.qdpx) of up to this many rows (tags and own picks;
# for the project, texts and tags; a row of tags.xlsx counts ten) stream in the request;
# larger ones are built by the background worker (db_worker) and downloaded from a page
# showing their progress, so that no export comes near gunicorn's timeout (a few seconds
# at most on a 2-core machine under load). Kept in the database EXPORT_KEEP_HOURS.
EXPORT_INLINE_ROWS = int(os.environ.get("EXPORT_INLINE_ROWS", "20000"))
EXPORT_KEEP_HOURS = int(os.environ.get("EXPORT_KEEP_HOURS", "6"))
# When homework is handed in or returned, the background worker (db_worker) builds the
# deck's new slides and the dashboards' default pages (workshop/tasks.py); off in tests.
# The development server (make run) has no worker: there the next viewer builds them.
PREPARE_AFTER_HAND_IN = envbool("PREPARE_AFTER_HAND_IN", "1" if not DEBUG else "0")
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# E-mail. EMAIL_URL says how mail leaves (django-environ reads it):
# smtp+tls://user:password@host:587 (STARTTLS), smtp+ssl://…:465, smtp://host:25, or
# consolemail:// (printed to the terminal: the default, so that `make run` shows every
# mail). With DEBUG=0 and no EMAIL_URL `manage.py check --deploy` warns (reglab/checks.py).
# Characters such as @ or : in the user name or password are %-encoded (%40, %3A).
EMAIL_URL = os.environ.get("EMAIL_URL", "").strip()
vars().update(
    (name, value)
    for name, value in environ.Env.email_url_config(EMAIL_URL or "consolemail://").items()
    if value not in (None, "", {})
)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = (
    os.environ.get("DEFAULT_FROM_EMAIL", "").strip() or "REGLAB <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address links in mails point to (mails sent by a command have no request to ask).
SITE_URL = (os.environ.get("SITE_URL", "").strip() or "http://127.0.0.1:8000").rstrip("/")
# How mails are sent once the transaction that wrote them commits (reglab/mail.py):
# "worker", by the background worker (db_worker), so that no request waits on the mail
# server; "request", at once by the process that wrote them (make run has no worker). A
# mail that fails is retried by the worker with a growing pause, and by send_reminders.
MAIL_DELIVERY = os.environ.get("MAIL_DELIVERY", "") or ("request" if DEBUG else "worker")
# How long an invitation link works, and a password-reset link (Django's setting).
INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", "14"))
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_HOURS", "24")) * 60 * 60
# The hour (Europe/Stockholm) after which send_reminders sends facilitators their daily
# digest of hand-ins.
DIGEST_HOUR = int(os.environ.get("DIGEST_HOUR", "7"))
# Password-reset requests per client address and per e-mail address (django-ratelimit).
PASSWORD_RESET_RATE = os.environ.get("PASSWORD_RESET_RATE", "5/h")
# django-ratelimit counts in the default cache; it is not in INSTALLED_APPS, whose system
# check asks for memcached or Redis: on the database cache or locmem an increment is not
# atomic, so under a burst of concurrent requests a few more may pass. For a limit of a
# few an hour that is enough; set REDIS_URL for an exact count.
RATELIMIT_IP_META_KEY = "reglab.clientip.client_ip"
RATELIMIT_VIEW = "reglab.views.too_many_requests"

# The model that learns from facilitators' decisions (synthesis/learning.py): it proposes
# nothing before LEARNING_MIN_DECISIONS decisions; a proposal needs LEARNING_THRESHOLD
# probability; the worker retrains after every LEARNING_RETRAIN_EVERY decisions; "Train now"
# trains in the request when LEARNING_TRAIN_INLINE (the development server has no worker).
LEARNING_MIN_DECISIONS = int(os.environ.get("LEARNING_MIN_DECISIONS", "30"))
LEARNING_THRESHOLD = float(os.environ.get("LEARNING_THRESHOLD", "0.5"))
LEARNING_RETRAIN_EVERY = int(os.environ.get("LEARNING_RETRAIN_EVERY", "25"))
LEARNING_TRAIN_INLINE = envbool("LEARNING_TRAIN_INLINE", "1" if DEBUG else "0")

# Where the accessibility statement (/accessibility/) asks people to report a problem.
ACCESSIBILITY_CONTACT = os.environ.get("ACCESSIBILITY_CONTACT", "").strip() or "reglab@example.org"

# The release this code is: part of every cache key, so that a deploy never serves a page
# rendered by the previous release's templates, even from a cache both share during the
# deploy. The Docker image sets it at build time; elsewhere set RELEASE (e.g. the commit).
RELEASE = os.environ.get("RELEASE", "").strip() or (
    (BASE_DIR / "RELEASE").read_text().strip() if (BASE_DIR / "RELEASE").is_file() else "dev"
)

# The synthesis caches its results (synthesis/cache.py) and every process must see the same
# ones: Redis when REDIS_URL is set; otherwise, whenever several processes can serve
# (DEBUG=0), the database (its table made by `manage.py createcachetable`); the
# development server (make run) keeps a cache of its own. CACHE_BACKEND=locmem|database|
# redis overrides the choice.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_BACKEND = os.environ.get("CACHE_BACKEND", "") or (
    "redis" if REDIS_URL else ("locmem" if DEBUG else "database")
)
CACHES = {
    "default": {
        "redis": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL},
        "database": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "reglab_cache",
            # Past MAX_ENTRIES a third is culled: room for every page of a few rounds.
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
        "locmem": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }[CACHE_BACKEND]
    | {"KEY_PREFIX": f"reglab:{RELEASE}"}
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Long answers are allowed, but not without bound (see submissions.forms.MAX_TEXT).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# And not in any number of fields (Django's default: 1,000): the largest form is the admin's
# interview with its 100 quotes inline (5 fields each), about 520 fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 600

# Security. Autosave keeps typed text in the browser, so a session may expire.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 12)))
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if not DEBUG else None
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "0" if DEBUG else "1")
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The health check is plain HTTP from the load balancer.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# A strict Content-Security-Policy: every script and style comes from the app itself.
PLOTLY_EMPTY_STYLE = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
PLOTLY_CRISP_IMAGE_STYLE = "'sha256-AR/cKIZjWPcPmBUPDA6oti9XBiTbJvz0Cro2J1VzzS8='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'report-sample'"],
        # Plotly builds its style rules through the CSSOM in an empty <style> element,
        # and marks heat-map images crisp with one fixed style attribute; exactly these
        # two constant strings are allowed by hash, nothing else inline.
        "style-src-elem": [SELF, "'report-sample'", PLOTLY_EMPTY_STYLE],
        "style-src-attr": ["'unsafe-hashes'", PLOTLY_EMPTY_STYLE, PLOTLY_CRISP_IMAGE_STYLE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Login throttling: after 5 failed attempts for a user name from one address, that user
# name is locked out for 15 minutes from that address only (django-axes), so one client's
# guesses do not lock the account for everyone. Wrong passwords during a lock-out do not
# extend it: otherwise anyone could keep it locked for ever.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# How many proxies (load balancers) in front of the app append to X-Forwarded-For: the
# client's address is read from there (reglab/clientip.py). 0: REMOTE_ADDR, the header is
# ignored, as anyone can send it.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "reglab.clientip.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
