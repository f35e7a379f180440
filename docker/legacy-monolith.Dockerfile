# legacy-monolith image: the legacy stand-in (its REST API over the legacy database). Build from the repository root:
#   docker build -f docker/legacy-monolith.Dockerfile -t bascule/legacy-monolith .
# Its schema is the legacy database's own (apps/legacy-monolith/sql/schema.sql, applied by compose's PostgreSQL
# init); the process migrates nothing.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json .swcrc ./
COPY apps/legacy-monolith apps/legacy-monolith
COPY libs libs
ENV NODE_ENV=production HOST=0.0.0.0 SWC_NODE_PROJECT=/app/tsconfig.base.json
EXPOSE 8090
USER node
CMD ["node", "-r", "@swc-node/register", "apps/legacy-monolith/src/main.ts"]
