# filmbase web image: locked dependencies, static files collected at build time.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH=/opt/venv/bin:$PATH PYTHON=/opt/venv/bin/python
RUN pip install --no-cache-dir uv==0.13.9 && useradd --create-home --uid 1000 filmbase
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project
COPY . .
RUN FILMBASE_VAR_DIR=/tmp/build DJANGO_SECRET_KEY=build DJANGO_SETTINGS_MODULE=filmbase.settings.base \
    python manage.py collectstatic --no-input \
    && mkdir -p /app/var && cp -r /tmp/build/static /app/var/static && chown -R filmbase /app/var
ENV FILMBASE_COLLECTSTATIC=0
USER filmbase
EXPOSE 8000
CMD ["bin/start"]
