// A SharedWorker that hands MessagePorts between the tabs of one origin, so that a tab talks to
// the owner of a database over its own MessageChannel (about half BroadcastChannel's round trip
// in Chromium, and no copy to every other tab). It only introduces: owners register their link
// id, a client sends { to, from } with a port, the owner gets the port. It holds no data.
const owners = new Map(); // link id -> the owner's port to this broker

self.onconnect = ({ ports: [port] }) => {
  port.onmessage = ({ data, ports }) => {
    if (data.register) owners.set(data.register, port);
    else if (data.unregister) owners.delete(data.unregister);
    else if (data.to) owners.get(data.to)?.postMessage({ from: data.from }, ports);
  };
};
