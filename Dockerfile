# Production image: gunicorn serving the portal, static files by WhiteNoise.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DEBUG=0

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir . && useradd --create-home --uid 10001 reglab
COPY . .
# collectstatic needs a SECRET_KEY but no database.
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput

USER reglab
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && gunicorn reglab.wsgi:application --bind 0.0.0.0:8000 --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
