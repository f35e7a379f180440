# payment-service image. Build from the repository root:
#   docker build -f docker/payment-service.Dockerfile -t bascule/payment-service .
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json .swcrc ./
COPY apps/payment-service apps/payment-service
COPY libs libs
ENV NODE_ENV=production HOST=0.0.0.0 SWC_NODE_PROJECT=/app/tsconfig.base.json
EXPOSE 3004 50054
USER node
CMD ["node", "-r", "@swc-node/register", "apps/payment-service/src/main.ts"]
