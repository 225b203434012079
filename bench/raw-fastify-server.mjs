// The raw library the web host is built on, with nothing of Atelier's: the baseline row.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/api/:name', async (request) => ({ result: { name: request.params.name } }));
await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening at http://127.0.0.1:${app.server.address().port}/?token=${'0'.repeat(48)}\n`);
