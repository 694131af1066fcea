# The API and the worker share one image; docker-compose.yml picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
# A cluster is configured in production, so no local Temporal binaries are fetched at install.
ENV MOTCUA_TEMPORAL_BINARIES=skip NODE_ENV=production
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY platform/dev/temporal-binaries.js platform/dev/
COPY prisma prisma
COPY prisma.config.ts prisma.postgresql.config.ts ./
RUN npm ci --include=dev
COPY . .
# The workflow bundle built into the image, not by webpack in each worker at start (workers/workflow-bundle.ts).
RUN npm run build:workflows
USER node
EXPOSE 3000
CMD ["npm", "run", "api"]
