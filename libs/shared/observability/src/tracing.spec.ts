import { spanQueryOf } from './tracing';

describe('the HTTP span’s query', () => {
  it('keeps the names and the safe values, redacts the values that may be personal', () => {
    expect(spanQueryOf('/clients?email=ada%40example.com&text=Lovelace&limit=5')).toEqual({
      'url.query': 'email=[redacted]&text=[redacted]&limit=5',
    });
  });

  it('sets nothing when there is no query', () => {
    expect(spanQueryOf('/clients/42')).toEqual({});
    expect(spanQueryOf(undefined)).toEqual({});
  });
});
