"""Settings for gcmhub.

Everything that differs between machines comes from the environment:

- ``GCMHUB_HOME``: the data folder (SQLite database, uploads, logs, secret key); default ``./var``.
- ``DATABASE_URL``: use this database instead of SQLite (``postgresql://...``).
- ``GCMHUB_ENV=production``: production hardening (HTTPS, secure cookies, no debug).
- ``GCMHUB_SECRET_KEY``: required in production; in development a key is kept in GCMHUB_HOME.
- ``GCMHUB_TASKS=database``: run background jobs through the database queue and a worker
  (``gcmhub manage db_worker``) instead of in-process.
- ``GCMHUB_EMAIL_BACKEND``: ``console`` (default, to standard error), ``file`` (into
  GCMHUB_HOME/mail) or ``smtp``.
- ``GCMHUB_BASE_URL``: the platform's public address, for links in emails (required in
  production).
- ``GCMHUB_API_ANON_RATE`` / ``GCMHUB_API_USER_RATE``: API request limits (default ``120/min``
  per anonymous address, ``600/min`` per account).
"""

import os
import secrets
import sys
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
TESTING = os.environ.get("GCMHUB_TESTING") == "1" or "pytest" in sys.modules
if TESTING and "GCMHUB_HOME" not in os.environ:
    os.environ["GCMHUB_HOME"] = tempfile.mkdtemp(prefix="gcmhub-test-")
HOME = Path(os.environ.get("GCMHUB_HOME", "var")).resolve()
HOME.mkdir(parents=True, exist_ok=True)

ENV = os.environ.get("GCMHUB_ENV", "development")
PRODUCTION = ENV == "production"
# Off unless asked for: `gcmhub serve` is meant to be safe to expose on a trusted network.
DEBUG = not PRODUCTION and os.environ.get("GCMHUB_DEBUG", "0") == "1"


def _secret_key() -> str:
    key = os.environ.get("GCMHUB_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise RuntimeError("GCMHUB_SECRET_KEY must be set when GCMHUB_ENV=production")
    path = HOME / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("GCMHUB_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("GCMHUB_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.syndication",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # gcmhub, in dependency order: demo content loads in this order too.
    "gcmhub.core",
    "gcmhub.framework",
    "gcmhub.accounts",
    "gcmhub.indicators",
    "gcmhub.documents",
    "gcmhub.practices",
    "gcmhub.pledges",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gcmhub.urls"
WSGI_APPLICATION = "gcmhub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gcmhub.core.context_processors.site",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": HOME / "gcmhub.sqlite3",
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; IMMEDIATE avoids
                # "database is locked" upgrades from read to write inside a transaction.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000; PRAGMA cache_size=-64000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "gcmhub.accounts.backends.SecretariatAdminBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Rate-limited login: five failures lock the email+IP pair out for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("GCMHUB_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = os.environ.get("GCMHUB_AXES", "1") == "1"

# --- Languages ----------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = HOME / "media"
STORAGES = {
    # A file system storage that removes files written by a failed transaction.
    "default": {"BACKEND": "gcmhub.core.files.TrackedStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "gcmhub.core.staticfinders.PackageAssetFinder",
]
WHITENOISE_USE_FINDERS = not PRODUCTION
# npm packages for front-end assets (map outlines), installed by `./dev install` into the venv.
GCMHUB_NPM_DIR = Path(os.environ.get("GCMHUB_NPM_DIR") or Path(sys.prefix) / "npm" / "node_modules")
# Upload limits: one file at most GCMHUB_MAX_UPLOAD_MB (default 50 MB); forms check type and size.
GCMHUB_MAX_UPLOAD_BYTES = int(os.environ.get("GCMHUB_MAX_UPLOAD_MB", "50")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# --- API ----------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "gcmhub.core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "gcmhub.core.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + ([] if PRODUCTION else ["rest_framework.renderers.BrowsableAPIRenderer"]),
    # Per client address (anonymous) or per account; counted in the cache, so several web
    # workers need the shared Redis cache (GCMHUB_REDIS_URL) for one count.
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("GCMHUB_API_ANON_RATE") or ("100000/min" if TESTING else "120/min"),
        "user": os.environ.get("GCMHUB_API_USER_RATE") or ("100000/min" if TESTING else "600/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "gcmhub API",
    "DESCRIPTION": "Read the GCM framework, documents, data, practices and pledges; "
    "write with a token (Authorization: Token <key>).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Background jobs ----------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.backend.DatabaseBackend"
            if os.environ.get("GCMHUB_TASKS") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- Email --------------------------------------------------------------------------------------
_email = os.environ.get("GCMHUB_EMAIL_BACKEND", "console")
EMAIL_BACKEND = {
    "console": "gcmhub.core.mail.StderrEmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}[_email]
EMAIL_FILE_PATH = HOME / "mail"
EMAIL_HOST = os.environ.get("GCMHUB_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("GCMHUB_EMAIL_PORT", "25"))
# The address people use to reach this platform, for links in emails (sent from commands too,
# where there is no request to take the host from).
GCMHUB_BASE_URL = os.environ.get("GCMHUB_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = os.environ.get("GCMHUB_FROM_EMAIL", "gcmhub <no-reply@gcmhub.localhost>")

# --- Caching, sessions, logging -----------------------------------------------------------------
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["GCMHUB_REDIS_URL"],
        }
        if os.environ.get("GCMHUB_REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Content-Security-Policy: scripts, styles, images and data only from this site; no framing.
# Styles allow inline because the chart library sets styles on the elements it draws.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOG_DIR = HOME / "logs"
LOG_DIR.mkdir(exist_ok=True)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "file": {
            "class": "logging.handlers.RotatingFileHandler",
            "filename": LOG_DIR / "gcmhub.log",
            "maxBytes": 5 * 1024 * 1024,
            "backupCount": 3,
            "formatter": "plain",
        },
    },
    "root": {"handlers": ["file"] if TESTING else ["console", "file"], "level": "INFO"},
    "loggers": {"axes": {"level": "WARNING"}, "django_tasks": {"level": "WARNING"}},
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("GCMHUB_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

GCMHUB_SHARED_DIR = Path(
    os.environ.get("GCMHUB_SHARED_DIR", PACKAGE_DIR.parent.parent.parent / "shared")
)
