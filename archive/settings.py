"""Settings for the newspaper archive.

Every value that differs between a laptop and production comes from an environment
variable with an embedded default, so a fresh checkout runs on SQLite and a Whoosh
index kept together in one data folder (DATA_DIR).
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("DATA_DIR") or BASE_DIR / "var").resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def load_secret_key():
    """SECRET_KEY from the environment, else one generated on first start and kept in DATA_DIR.

    The key never lives in git; a generated one survives restarts so sessions stay valid.
    """
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key = secrets.token_urlsafe(50)
        # O_EXCL: two workers starting at once must not write two different keys.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return key_file.read_text().strip()
        except OSError:
            # A read-only or full data folder: readers need no lasting key, so serve them with
            # one for this start (gunicorn loads settings once, so its workers share it);
            # logins made now end at the next restart.
            return key
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(key)
        except OSError:  # a full disk: no half-written key may stay behind
            key_file.unlink(missing_ok=True)
            return key
    return key_file.read_text().strip()


SECRET_KEY = load_secret_key()
DEBUG = env_flag("DJANGO_DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "haystack",
    "axes",
    "reversion",
    "archive",
]

MIDDLEWARE = [
    # First, so it sees every error an /api/ URL answers, whoever produced it.
    "archive.middleware.ApiErrorsAsJsonMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions, users and views: a client over its rate limit is answered at the least
    # cost (the 429s are most of what an attacker receives; before the NUL check, which parses
    # the query string), and NUL in a URL is refused.
    "archive.middleware.RateLimitMiddleware",
    "archive.middleware.InvalidCharactersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "archive.middleware.ContentSecurityPolicyMiddleware",
    # Axes last: it needs the authenticated user and answers lockouts itself.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

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
            ],
        },
    },
]

# Inputs and selects drawn in Python, everything else by Django's widget templates.
FORM_RENDERER = "archive.form_renderer.FastRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'archive.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite, able to go on reading when the data folder turns read-only.
    DATABASES["default"]["ENGINE"] = "archive.sqlite"
    # WAL lets readers in gunicorn workers keep reading while an ingest writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling: five failures lock the username from that address for an hour. The pair,
# never the username alone, so a stranger's guesses cannot lock staff out; and the address
# is the client's (archive/clients.py), not the TLS proxy's, which every client shares.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "archive.clients.client_address"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Proxies in front of the site that append the client's address to X-Forwarded-For (nginx's
# $proxy_add_x_forwarded_for); 0 ignores the header, which any client can send.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Spraying guesses over many usernames: failed logins from one address, whatever the
# username, before it must wait (archive/throttle.py).
# Each attempt costs a password hash (PBKDF2, about a second of a busy worker), so few may
# come at once: five, then one every three minutes (20 an hour).
LOGIN_FAILURES_PER_ADDRESS = os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "5/15m")

# One language for readers and staff: no LocaleMiddleware, so Accept-Language changes
# nothing (an English browser saw "Monday" and an English admin; a Japanese one 月曜日).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
try:
    STATIC_ROOT.mkdir(exist_ok=True)
except OSError:
    pass  # a read-only data folder: whitenoise serves static/ itself (WHITENOISE_USE_FINDERS)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "archive.storage.StaticStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Tests and `runserver` serve from STATICFILES_DIRS directly, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Page PDFs, their pictures and character boxes (archive/page_prints.py), through the
# default storage: files under DATA_DIR/media, served by archive.views.files with a
# year-long cache (every name holds a digest). Point STORAGES["default"] at object
# storage and its URLs are used instead.
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

# /healthz answers 503 when the data folder has less free space than this.
DATA_DIR_MIN_FREE_MB = int(os.environ.get("DATA_DIR_MIN_FREE_MB", "64"))

# A page's text is tens of kilobytes; a few megabytes covers any real upload.
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", str(5 * 1024 * 1024)))
# A page PDF with its pictures embedded runs to tens of megabytes.
MAX_PDF_BYTES = int(os.environ.get("MAX_PDF_BYTES", str(64 * 1024 * 1024)))
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES

LOGIN_URL = "admin:login"
# Where a login lands when its `next` is refused (another site) or missing: the admin, not
# Django's /accounts/profile/, which this site does not have.
LOGIN_REDIRECT_URL = "admin:index"
LOGOUT_REDIRECT_URL = "archive:home"

# Per-client rate limits (archive/throttle.py). "5/20s": five at once, then five per 20 s
# (15 a minute, a search every four seconds: more than a person reading the results makes);
# 0 turns one off. Search (/search/, /api/search, the saved-search feed) also
# has a budget of server time, in seconds: "2/20s" is 2 s at once, 6 s a minute. The short
# periods keep bursts small: with "30/m" three clients spent 30 searches each at once and
# readers kept 35 % of their throughput for that minute (bench/attacks.py).
RATE_LIMIT_SEARCH = os.environ.get("RATE_LIMIT_SEARCH", "5/20s")
RATE_LIMIT_SEARCH_TIME = os.environ.get("RATE_LIMIT_SEARCH_TIME", "2/20s")
# gunicorn's worker timeout (gunicorn.conf.py reads the same variable): a search still
# running after it was killed, and its client is charged that long.
REQUEST_TIMEOUT = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# Seconds one search may take before it stops and answers with what it found so far, marked
# incomplete (archive/search/budget.py): well under the worker timeout, so the page is
# still built and sent. 0 turns it off.
SEARCH_TIME_BUDGET = float(os.environ.get("SEARCH_TIME_BUDGET", str(min(8.0, REQUEST_TIMEOUT / 3))))
# Seconds a search's answer is kept for the same search again (archive/search_cache.py),
# never past a change to the index; 0 turns it off.
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "60"))
# Whoosh's files memory-mapped (archive.search.whoosh_storage): quicker, but the index pages a
# worker has touched count in its RSS (shared page cache, not private memory); 0 = plain reads.
WHOOSH_MMAP = os.environ.get("WHOOSH_MMAP", "1") != "0"
RATE_LIMIT_API = os.environ.get("RATE_LIMIT_API", "30/15s")
RATE_LIMIT_FEEDS = os.environ.get("RATE_LIMIT_FEEDS", "10/20s")
# 400 and 404 answers per client on public URLs; past it, every public URL answers 429 until
# the allowance is back (a scanner, not a reader: nobody follows twenty dead links a minute).
RATE_LIMIT_ERRORS = os.environ.get("RATE_LIMIT_ERRORS", "20/m")


def cache_settings(cache_url):
    """CACHE_URL → the default cache, which holds the rate limits' counts.

    By default a folder of files in DATA_DIR: every gunicorn worker on the machine sees the
    same counts, and there is no server to run. redis://host:6379/0 when one is configured
    (atomic increments, shared by several machines; needs `pip install redis`); locmem:// keeps
    counts per process (tests).
    """
    from urllib.parse import urlsplit

    scheme = urlsplit(cache_url).scheme
    if not cache_url or scheme == "file":
        folder = Path(urlsplit(cache_url).path or DATA_DIR / "cache")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            # A read-only data folder: counts per process until it can be written again.
            return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        return {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(folder),
            # One entry per active client and limit. The backend lists its folder on every
            # write to decide whether to cull: 1,000 files cost about 2 ms a write.
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    if scheme in {"redis", "rediss"}:
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": cache_url}
    if scheme == "locmem":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    raise ValueError(f"CACHE_URL: unknown scheme {scheme!r} (use file, redis or locmem)")


CACHES = {"default": cache_settings(os.environ.get("CACHE_URL", ""))}

# Security headers; the HTTPS switch adds what only makes sense behind TLS.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
HTTPS = env_flag("HTTPS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Search: SEARCH_URL selects the engine. Without it a new archive gets an embedded tantivy
# index in DATA_DIR (Whoosh stops being ten times quicker than a LIKE scan at ~30,000
# articles; docs/benchmarks.md); a data folder that already holds a Whoosh index, and none of
# tantivy's, keeps its Whoosh index until it is moved (README, "Which search engine").
SEARCH_URL = os.environ.get("SEARCH_URL", "")
# Whoosh writers wait this long for the index's write lock, then queue their operations.
SEARCH_WRITER_TIMEOUT = float(os.environ.get("SEARCH_WRITER_TIMEOUT", "60"))
# Postings are sorted in memory up to this (Whoosh's estimate of the) size, then spilled to
# sorted runs on disk and merged at commit. Whoosh's default, 128, spilled the 1998-01 corpus
# (one batch of 3,148 articles) into three runs; 512 spills nothing (ingest 19.8 s against
# 37.9 s before) but the ingest's peak memory goes from 378 to 747 MB; 256 spills once and
# peaks at 590 MB (27.2 s against 37.4 s in one loaded run). See docs/benchmarks.md.
SEARCH_WRITER_LIMITMB = int(os.environ.get("SEARCH_WRITER_LIMITMB", "512"))
# Processes for big batches (Whoosh's MpWriter). 1 by default: on this 2-core machine two
# processes saved ~20 % of the indexing time when the machine was idle, cost more than they
# saved under load, and leave two segments (+23 % index size). See docs/benchmarks.md.
SEARCH_WRITER_PROCS = int(os.environ.get("SEARCH_WRITER_PROCS", "1"))
# A cluster's index: primary shards, replicas, and the analyzer that scores words
# ("auto": smartcn when every node has the plugin, else cjk). See docs/deploy.md.
SEARCH_SHARDS = int(os.environ.get("SEARCH_SHARDS", "1"))
SEARCH_REPLICAS = int(os.environ.get("SEARCH_REPLICAS", "1"))
SEARCH_WORD_ANALYZER = os.environ.get("SEARCH_WORD_ANALYZER", "auto")
SEARCH_CA_CERTS = os.environ.get("SEARCH_CA_CERTS", "")

# Each engine: BACKEND is the site's (a subclass of archive.search.base.SearchBackend, built
# once by archive.search.backend()), ENGINE haystack's (manage.py rebuild_index,
# update_index, clear_index). A new engine is one module and one entry here.
SEARCH_ENGINES = {
    "whoosh": {
        "BACKEND": "archive.search.whoosh_backend.WhooshBackend",
        "ENGINE": "archive.search.whoosh_backend.ChineseWhooshEngine",
    },
    "tantivy": {
        "BACKEND": "archive.search.tantivy_backend.TantivyBackend",
        "ENGINE": "archive.search.tantivy_backend.TantivyEngine",
    },
    "elasticsearch": {
        "BACKEND": "archive.search.elasticsearch_backend.ElasticsearchBackend",
        "ENGINE": "archive.search.elasticsearch_backend.ChineseElasticsearchEngine",
    },
}


def haystack_connections(search_url):
    """SEARCH_URL → the search connection: an entry of SEARCH_ENGINES and its options."""
    from urllib.parse import urlsplit

    parts = urlsplit(search_url)
    if not search_url:
        kept_whoosh = (DATA_DIR / "index").is_dir() and not (DATA_DIR / "tantivy-index").exists()
        search_url = "whoosh:" if kept_whoosh else "tantivy:"
        parts = urlsplit(search_url)
    if parts.scheme in {"whoosh", "file"}:
        return {**SEARCH_ENGINES["whoosh"], "PATH": parts.path or str(DATA_DIR / "index")}
    if parts.scheme == "tantivy":
        # tantivy:///abs/path; tantivy:name for a folder in DATA_DIR (tantivy: alone is
        # DATA_DIR/tantivy-index).
        path = DATA_DIR / (parts.path or "tantivy-index")
        return {**SEARCH_ENGINES["tantivy"], "PATH": str(path)}
    if parts.scheme in {"elasticsearch", "elasticsearchs", "opensearch", "opensearchs"}:
        scheme = "https" if parts.scheme.endswith("s") else "http"
        index = parts.path.strip("/") or "archive"
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        auth = f"{parts.username}:{parts.password}@" if parts.username else ""
        return {
            **SEARCH_ENGINES["elasticsearch"],
            # The cluster's own CA (Elasticsearch 8 makes a self-signed one) for https URLs.
            "KWARGS": {"ca_certs": SEARCH_CA_CERTS} if SEARCH_CA_CERTS else {},
            "URL": f"{scheme}://{auth}{netloc}/",
            "INDEX_NAME": index,
            # OpenSearch answers the same REST calls but fails the 7.x client's product check.
            "DISTRIBUTION": "opensearch" if "opensearch" in parts.scheme else "elasticsearch",
        }
    raise ValueError(
        f"SEARCH_URL: unknown scheme {parts.scheme!r} (use whoosh, tantivy or elasticsearch)"
    )


HAYSTACK_CONNECTIONS = {"default": haystack_connections(SEARCH_URL)}
# Our backend indexes a page's articles itself (one writer per page); no signal processor.
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "archive": {"level": os.environ.get("LOG_LEVEL", "INFO")},
        # jieba announces its dictionary load on every start; keep start-up quiet.
        "jieba": {"level": "WARNING"},
    },
}
