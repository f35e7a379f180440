# One image per context's service, from its manifest (apps/<service>/context.manifest.json; ADR 0017). Build from
# the repository root, e.g.
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=client-service -t bascule/client-service .
# (docker/compose.yaml does it for every context; npm run manifests writes its entries.)
FROM node:20-bookworm-slim
ARG SERVICE
RUN test -n "$SERVICE" || { echo "--build-arg SERVICE=<name>-service is required" >&2; exit 1; }
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json .swcrc ./
# The service's app (its main.ts and its manifest, where it takes its defaults from), the libraries, and the
# manifests' loader and conventions.
COPY apps/${SERVICE} apps/${SERVICE}
COPY libs libs
COPY tools/infra/contexts tools/infra/contexts
ENV NODE_ENV=production HOST=0.0.0.0 SWC_NODE_PROJECT=/app/tsconfig.base.json SERVICE=${SERVICE}
USER node
# The entry named by the manifest (`entry`), read when the container starts.
CMD ["sh", "-c", "exec node -r @swc-node/register \"$(node -p \"require('./apps/$SERVICE/context.manifest.json').entry\")\""]
