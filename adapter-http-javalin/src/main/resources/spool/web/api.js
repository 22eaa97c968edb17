// The REST API: every response is the {data, error} envelope; errors become ApiError.
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || [];
  }
}

export function createApi(token) {
  async function call(method, path, body) {
    const headers = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, 'NETWORK', 'The server cannot be reached. Check your connection.');
    }
    let envelope = null;
    try {
      envelope = await response.json();
    } catch (e) {
      throw new ApiError(response.status, 'BAD_RESPONSE', `Unexpected response (HTTP ${response.status}).`);
    }
    if (!response.ok || envelope.error) {
      const error = envelope.error || {};
      throw new ApiError(response.status, error.code, error.message || `HTTP ${response.status}`, error.details);
    }
    return envelope.data;
  }
  return {
    token,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
    del: (path) => call('DELETE', path),
  };
}
