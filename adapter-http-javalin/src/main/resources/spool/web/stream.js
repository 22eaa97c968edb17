// A fetch-based Server-Sent Events reader: it can send the Authorization header, which
// EventSource cannot, and after a network drop it reconnects with Last-Event-ID.
export function openStream({ url, token, onEvent, onState, isFinished }) {
  const controller = new AbortController();
  let lastEventId = null;
  let closed = false;
  let failures = 0;

  async function connect() {
    while (!closed) {
      try {
        const headers = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
        if (lastEventId !== null) headers['Last-Event-ID'] = String(lastEventId);
        const response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
        if (response.status === 401 || response.status === 403 || response.status === 404) {
          onState('error', `The stream was refused (HTTP ${response.status}).`);
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        failures = 0;
        onState('live');
        await read(response.body);
        if (closed) return;
        if (isFinished()) {
          onState('ended');
          return;
        }
        throw new Error('the stream ended early');
      } catch (e) {
        if (closed) return;
        failures += 1;
        onState('reconnecting');
        await sleep(Math.min(10000, 500 * 2 ** Math.min(failures, 5)));
      }
    }
  }

  async function read(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, '\n');
      let boundary;
      while ((boundary = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, boundary));
        buffer = buffer.slice(boundary + 2);
      }
    }
  }

  function dispatch(block) {
    let name = 'message';
    let id = null;
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('id:')) id = line.slice(3).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (id !== null && id !== '') lastEventId = id;
    if (data.length === 0) return;
    let payload;
    try {
      payload = JSON.parse(data.join('\n'));
    } catch (e) {
      return;
    }
    onEvent(name, payload, id);
  }

  connect();
  return {
    close() {
      closed = true;
      controller.abort();
    },
  };
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
