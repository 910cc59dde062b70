#!/usr/bin/env node
// Reads the project graph written by `nx graph --file=dist/graph.json` and fails when a service
// depends on another service (architecture brief: services import libs, never each other).
const { graph } = require('../dist/graph.json');

const apps = new Set(Object.values(graph.nodes).filter((n) => n.data.tags?.includes('type:app')).map((n) => n.name));
const edges = Object.entries(graph.dependencies).flatMap(([source, deps]) => deps.map((d) => [source, d.target]));
const violations = edges.filter(([source, target]) => apps.has(source) && apps.has(target));
for (const [source, target] of edges) console.log(`  ${source} -> ${target}`);
if (violations.length) {
  console.error(`service-to-service imports: ${violations.map((v) => v.join(' -> ')).join(', ')}`);
  process.exit(1);
}
console.log(`nx graph: ${apps.size} services, ${edges.length} edges, no service-to-service imports`);
