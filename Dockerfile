# syntax=docker/dockerfile:1
# One image recipe for the six CalChain services; SERVICE picks which one the image runs.
# Build from the repository root (services import the workspace libs):
#   docker build --build-arg SERVICE=intake -t calchain-intake .
# Stages: `build` compiles the service and the libs it imports to plain CommonJS (SWC, with
# decorator metadata) into /out; `deps` installs the production dependencies only and prunes them
# to what the service needs; `runtime` is Node 22 LTS with those two and nothing else — no
# TypeScript, compiler or dev dependency. Both steps are tools/build-service.js, which
# tools/image-rehearsal.js also runs, without Docker, before starting each compiled service with
# this file's ENV, ENTRYPOINT and HEALTHCHECK (test/ops/image-rehearsal.e2e-spec.ts).
# charts/calchain pulls <registry>/<repository>-<service>:<tag>, runs it as user 1000 with a
# read-only root filesystem, sets PORT, and its migration Job passes `migrate` as the only argument.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
COPY package.json package-lock.json ./
# npm ci needs every workspace's package.json (test/ops/chart.e2e-spec.ts checks this list).
COPY apps/console/package.json apps/console/
COPY libs/contracts/package.json libs/contracts/
COPY libs/metrology/package.json libs/metrology/
COPY libs/platform/package.json libs/platform/
COPY services/certificates/package.json services/certificates/
COPY services/equipment/package.json services/equipment/
COPY services/gateway/package.json services/gateway/
COPY services/intake/package.json services/intake/
COPY services/quality/package.json services/quality/
COPY services/records/package.json services/records/

FROM manifests AS build
# Full install (the compiler, @swc/core, is a dev dependency); before ARG SERVICE, so the six
# images share this layer.
RUN npm ci --no-audit --no-fund --ignore-scripts
ARG SERVICE
RUN case "${SERVICE}" in gateway|intake|records|certificates|equipment|quality) ;; \
      *) echo "build with --build-arg SERVICE=<gateway|intake|records|certificates|equipment|quality>" >&2; exit 1 ;; esac
COPY tsconfig.base.json ./
COPY tools/build-service.js tools/
COPY libs/ libs/
COPY services/${SERVICE}/ services/${SERVICE}/
RUN node tools/build-service.js compile /out "${SERVICE}"

FROM manifests AS deps
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund
ARG SERVICE
COPY tools/build-service.js tools/
RUN node tools/build-service.js prune /app "${SERVICE}"

FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
# Certificates' PDFs embed a CJK font (R-6.4.3); the other services do not need it.
RUN if [ "${SERVICE}" = certificates ]; then \
      apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*; fi
# Signatories' Ed25519 keys are mounted read-only from a secret, never baked into the image.
ENV NODE_ENV=production HOST=0.0.0.0 HOME=/tmp SERVICE=${SERVICE} OTEL_SERVICE_NAME=${SERVICE} \
    CERTIFICATES_KEY_DIR=/var/run/secrets/calchain/certificate-keys CERTIFICATES_CJK_FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=deps --chown=root:root /app/package.json ./
# The compiled service and libs, as the repository lays them out: services/<service>/src/main.js.
COPY --from=build --chown=root:root /out/ ./
# The image's own unprivileged user (uid 1000), matching runAsUser in the chart.
USER node
# Each service listens on its own default port (gateway 3000 … quality 3005) unless PORT is set.
EXPOSE 3000 3001 3002 3003 3004 3005
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s CMD ["node", "-e", "const port = process.env.PORT || { gateway: 3000, intake: 3001, records: 3002, certificates: 3003, equipment: 3004, quality: 3005 }[process.env.SERVICE]; fetch(`http://127.0.0.1:${port}/health`).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["sh", "-c", "exec node \"services/${SERVICE}/src/main.js\" \"$@\"", "--"]
