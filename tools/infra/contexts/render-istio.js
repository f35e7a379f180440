// k8s/istio.yaml, from the context manifests (ADR 0036), for the namespace the k8s files are applied to
// (`kubectl apply -n bascule -f k8s/`), with Istio's sidecars injected there:
//   - PeerAuthentication `default`, STRICT: every workload of the namespace accepts mutual TLS only, so a caller is
//     always a mesh identity (its ServiceAccount, k8s/<service>.yaml), never a plain-text connection
//   - one AuthorizationPolicy (ALLOW) per context and one for the legacy monolith, on its pods: the ingress gateway
//     may reach its REST port (metrics live on the management port), Prometheus GET its metrics path there, and its
//     gRPC port only the contexts that declare a call to it (`calls`); anything else is denied, since an ALLOW policy
//     applies to the pods it selects.
// Kubelet probes are rewritten by Istio's injector to the sidecar agent and do not pass through these policies.
const { callersOf } = require('./authorized-parties');
const { metricsPortOf } = require('./contexts');

/**
 * The mesh identities these policies name (SPIFFE: <trust domain>/ns/<namespace>/sa/<service account>): the
 * defaults of an Istio installation (istioctl's ingress gateway) and of a Prometheus in `monitoring`; an
 * installation that names them otherwise changes them here.
 */
const MESH = {
  trustDomain: 'cluster.local',
  namespace: 'bascule',
  ingressGateway: 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account',
  prometheus: 'cluster.local/ns/monitoring/sa/prometheus',
};

/** A context's workload identity: its Deployment runs as the ServiceAccount named like its service. */
const principalOf = (service) => `${MESH.trustDomain}/ns/${MESH.namespace}/sa/${service}`;

const list = (values) => `[${values.map((v) => JSON.stringify(String(v))).join(', ')}]`;
const rule = (principals, operation) => [
  `    - from: [{ source: { principals: ${list(principals)} } }]`,
  `      to: [{ operation: { ${Object.entries(operation)
    .map(([key, values]) => `${key}: ${list(values)}`)
    .join(', ')} } }]`,
];

function authorizationPolicy(platform, m) {
  const callers = callersOf(platform, m);
  return [
    'apiVersion: security.istio.io/v1',
    'kind: AuthorizationPolicy',
    'metadata:',
    `  name: ${m.service}`,
    `  labels: { bascule.dev/context: ${m.name} }`,
    'spec:',
    `  selector: { matchLabels: { app: ${m.service} } }`,
    '  action: ALLOW',
    '  rules:',
    m.metricsPath
      ? '    # REST, through the ingress gateway only (its metrics are on the management port, ADR 0034).'
      : '    # REST, through the ingress gateway only.',
    ...rule([MESH.ingressGateway], { ports: [m.httpPort] }),
    ...(m.metricsPath
      ? [
          '    # The in-cluster scrape (prometheus.io/* annotations).',
          ...rule([MESH.prometheus], { ports: [metricsPortOf(m)], methods: ['GET'], paths: [m.metricsPath] }),
        ]
      : []),
    ...(m.grpcPort !== undefined && callers.length
      ? [
          `    # gRPC: the contexts that declare a call to ${m.name} (their manifests' \`calls\`; ADR 0026).`,
          ...rule(callers.map(principalOf), { ports: [m.grpcPort] }),
        ]
      : m.grpcPort !== undefined
        ? [`    # gRPC: no manifest declares a call to ${m.name}, so no one reaches port ${m.grpcPort}.`]
        : []),
  ];
}

/** The text of k8s/istio.yaml; `header` is the generated-file line render-deployment.js starts every file with. */
function renderIstio(platform, header) {
  const documents = [
    [
      'apiVersion: security.istio.io/v1',
      'kind: PeerAuthentication',
      'metadata: { name: default }',
      'spec:',
      '  mtls: { mode: STRICT }',
    ],
    // The legacy monolith's too: its REST API is reached through the gateway only, as a context's.
    ...platform.manifests.map((m) => authorizationPolicy(platform, m)),
  ];
  return [
    `${header} apps/*/context.manifest.json: edit those, not this file.`,
    '# The service mesh (Istio) of the namespace the k8s files are applied to (ADR 0036): mutual TLS only, and per',
    "# context who may reach which of its ports, from the manifests' `calls`. Identities: each context's ServiceAccount,",
    `# ${MESH.ingressGateway} (the ingress gateway),`,
    `# ${MESH.prometheus} (the scrape).`,
    documents.map((doc) => doc.join('\n')).join('\n---\n'),
    '',
  ].join('\n');
}

module.exports = { MESH, principalOf, renderIstio };
