# orders-service image. Build from the repository root:
#   docker build -f docker/orders-service.Dockerfile -t bascule/orders-service .
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json .swcrc ./
COPY apps/orders-service apps/orders-service
COPY libs libs
ENV NODE_ENV=production HOST=0.0.0.0 SWC_NODE_PROJECT=/app/tsconfig.base.json
EXPOSE 3002 50052
USER node
CMD ["node", "-r", "@swc-node/register", "apps/orders-service/src/main.ts"]
