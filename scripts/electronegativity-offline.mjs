// Loaded into electronegativity (`node --import`) by scripts/security-scan.mjs. The scanner fetches
// translations and Electron's release list from the network at start-up (and retries for seconds
// when offline); here every such request fails at once, so the scan is the same offline as online
// and sends nothing. The Electron version is given with -e; its currency is a unit test (checklist 16).
import Module from 'node:module';
import net from 'node:net';

const offline = () => Promise.reject(new Error('network disabled for the security scan'));
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === 'got') return Object.assign(offline, { default: offline, get: offline });
  return load.call(this, request, ...rest);
};
net.Socket.prototype.connect = function () {
  process.nextTick(() =>
    this.destroy(Object.assign(new Error('network disabled for the security scan'), { code: 'ENETUNREACH' })),
  );
  return this;
};
