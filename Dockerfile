# One image, two commands: the bot (chat adapters) and the worker (rules engine and replies).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY commands ./commands
COPY adapters ./adapters
COPY bench ./bench
RUN npm ci --no-audit --no-fund

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
