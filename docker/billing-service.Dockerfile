# billing-service image. Build from the repository root:
#   docker build -f docker/billing-service.Dockerfile -t bascule/billing-service .
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json .swcrc ./
COPY apps/billing-service apps/billing-service
COPY libs libs
ENV NODE_ENV=production HOST=0.0.0.0 SWC_NODE_PROJECT=/app/tsconfig.base.json
EXPOSE 3005 50055
USER node
CMD ["node", "-r", "@swc-node/register", "apps/billing-service/src/main.ts"]
