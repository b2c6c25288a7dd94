# One image, two commands: the bot (chat adapters) and the worker (rules engine and replies).
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Dependencies first, in their own layer: it is rebuilt only when package*.json change.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
# Then the sources and an explicit build. Benchmarks and tests stay out of the image.
COPY tsconfig.json tsconfig.api.json ./
COPY src ./src
COPY commands ./commands
COPY adapters ./adapters
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the build already happened in the stage above.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY data ./data
COPY schema ./schema
COPY examples ./examples
USER node
EXPOSE 3000 9464 9465
CMD ["node", "dist/src/bin/worker.js"]
