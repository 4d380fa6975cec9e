// Runs dynalite in its own process, so a test can stop it (SIGSTOP) like a hung store.
// Prints one line {"port": N} once listening.
const dynalite = require('dynalite');

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
