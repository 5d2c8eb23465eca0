# Production image: gunicorn serving the portal, static files by WhiteNoise.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DEBUG=0

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir . && useradd --create-home --uid 10001 reglab
COPY . .
# The release: part of every cache key, so that this image never serves pages cached by
# another (docker build --build-arg RELEASE=$(git rev-parse --short HEAD) .); without it,
# a digest of the files copied in.
ARG RELEASE=""
RUN echo "${RELEASE:-$(find . -type f -not -path './.git/*' | sort | xargs sha256sum | sha256sum | cut -c1-12)}" > RELEASE
# collectstatic needs a SECRET_KEY but no database.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput

# At run time SECRET_KEY is required (docker run -e SECRET_KEY=…): with DEBUG=0 the app
# refuses to start without it. Behind a load balancer also -e TRUSTED_PROXY_COUNT=1.
USER reglab
EXPOSE 8000
# Without REDIS_URL the processes share the database's cache: createcachetable makes its
# table (it does nothing when it exists). gunicorn's timeout is set on purpose: no request
# waits on another's result for longer than 10 s (synthesis/cache.py).
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py createcachetable && gunicorn reglab.wsgi:application --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --timeout ${GUNICORN_TIMEOUT:-30} --access-logfile -"]
