# order-saga image. Build from the repository root:
#   docker build -f docker/order-saga.Dockerfile -t bascule/order-saga .
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json .swcrc ./
COPY apps/order-saga apps/order-saga
COPY libs libs
ENV NODE_ENV=production HOST=0.0.0.0 SWC_NODE_PROJECT=/app/tsconfig.base.json
EXPOSE 3006
USER node
CMD ["node", "-r", "@swc-node/register", "apps/order-saga/src/main.ts"]
