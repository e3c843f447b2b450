// The example application the Deploy dialog offers: a static front end, a Java API and a database (also engine/scenarios/apps/shop.yaml).

export const exampleApplicationFile = `# A three-service shop: a static front end, a Java REST API and a PostgreSQL database.
name: shop
services:
  web:
    image: virtlab/shop-web:1.0
    replicas: 3
    ports: ["8080:80"]
    resources:
      requests: { cpus: 250m, memory: 64Mi }
      limits: { cpus: 1, memory: 128Mi }
    depends_on: [api]
    traffic: { requests_per_second: 120 }
  api:
    image: virtlab/shop-api:1.0
    replicas: 3
    ports: [8080]
    resources:
      requests: { cpus: 500m, memory: 512Mi }
      limits: { cpus: 2, memory: 768Mi, pids: 200 }
    healthcheck: { interval: 2s, start_period: 5s }
    depends_on: [db]
    update: { max_surge: 1, max_unavailable: 0, progress_deadline: 60s }
    traffic: { requests_per_second: 80 }
  db:
    image: postgres:16
    ports: [5432]
    resources:
      requests: { cpus: 1, memory: 1Gi }
      limits: { memory: 2Gi }
    restart: always
`;
