import nock from 'nock';
import { createSlackApiDouble, decodeSlackArgs } from '../../src/sandbox/slack-api-double.ts';

export type { SlackCall } from '../../src/sandbox/slack-api-double.ts';

/**
 * Slack's Web API faked at the HTTP boundary with nock: every call to <origin>/api/<method> (and to
 * <origin>/respond/…, the response_url) goes to the shared Slack double, which records it and
 * answers like Slack would.
 */
export function fakeSlackApi(options: { origin: string; channelMembers?: string[]; clock?: () => Date }) {
  const double = createSlackApiDouble({
    ...(options.channelMembers ? { channelMembers: options.channelMembers } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    fileOrigin: options.origin,
  });

  const api = nock(options.origin)
    .persist()
    .post(/^\/api\/[\w.]+$/);
  // The error-first callback form: the only way nock lets a reply fail as a network error.
  api.reply(function (uri, body, callback) {
    void double.handle(uri.replace(/^\/api\//, ''), decodeSlackArgs(body)).then((answer) => {
      if ('networkError' in answer) {
        callback(Object.assign(new Error(`simulated ${answer.networkError}`), { code: answer.networkError }), [0, '']);
        return;
      }
      callback(null, [answer.status ?? 200, answer.body, { 'content-type': 'application/json', ...answer.headers }]);
    });
  });
  const responses = nock(options.origin)
    .persist()
    .post(/^\/respond\//);
  responses.reply(function (_uri, body) {
    double.recordResponse(decodeSlackArgs(body));
    return [200, 'ok'];
  });

  // Users' files (url_private_download) and the external upload's URL, on the same fake host.
  const downloads = nock(options.origin)
    .persist()
    .get(/^\/files-pri\//);
  downloads.reply(function (uri) {
    const auth = this.req.headers.authorization;
    const file = double.download(uri, Array.isArray(auth) ? auth[0] : auth);
    return [file.status, file.bytes, { 'content-type': file.contentType }];
  });
  const uploadUrls = nock(options.origin)
    .persist()
    .post(/^\/upload\/v1\//);
  uploadUrls.reply(function (uri, body) {
    const bytes = typeof body === 'string' ? body : JSON.stringify(body);
    return [double.receiveUpload(uri.replace(/^\/upload\/v1\//, ''), bytes), 'OK - ' + bytes.length];
  });

  return {
    ...double,
    responseUrl: `${options.origin}/respond/T1/1/abc`,
    stop() {
      nock.removeInterceptor(api);
      nock.removeInterceptor(responses);
      nock.removeInterceptor(downloads);
      nock.removeInterceptor(uploadUrls);
    },
  };
}

export type FakeSlackApi = ReturnType<typeof fakeSlackApi>;
