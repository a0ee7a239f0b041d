# filmbase web image: slim Python, the locked dependencies, static files collected at
# build time, a non-root user, and the same start script as `make run`. The user owns
# /app/var: posters (media/) and backups written inside the container (backups/).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    UV_PYTHON_DOWNLOADS=never \
    PATH=/opt/venv/bin:$PATH \
    PYTHON=/opt/venv/bin/python

# Fonts for the text of the films' share images (films/share_images.py), Chinese included.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv==0.13.9 \
    && useradd --create-home --uid 1000 filmbase

WORKDIR /app
COPY pyproject.toml uv.lock ./
# Optional extras, e.g. --build-arg UV_EXTRAS="--extra s3" for posters on object storage.
ARG UV_EXTRAS=""
RUN uv sync --locked --no-dev --no-install-project --python /usr/local/bin/python3 $UV_EXTRAS

COPY . .
RUN DJANGO_SETTINGS_MODULE=filmbase.settings.base DJANGO_SECRET_KEY=collectstatic-only \
        FILMBASE_VAR_DIR=/app/var python manage.py collectstatic --no-input --verbosity 0 \
    && rm -f /app/var/secret_key \
    && mkdir -p /app/var/media /app/var/backups \
    && chown -R filmbase:filmbase /app/var

ENV FILMBASE_COLLECTSTATIC=0 HOST=0.0.0.0 PORT=8000
USER filmbase
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
    CMD ["python", "-m", "filmbase.healthcheck"]
CMD ["bin/start"]
