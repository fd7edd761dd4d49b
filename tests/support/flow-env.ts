/** Flow settings for tests: loopback allowed (it is on the default deny list), fast retries and polling. */
export const FLOW_TEST_ENV = {
  FLOW_DENY_NETWORKS: '169.254.0.0/16,fe80::/10',
  FLOW_RETRY_BASE: '20ms',
  FLOW_RETRY_MAX: '200ms',
  FLOW_MAX_ATTEMPTS: '5',
  FLOW_REQUEST_TIMEOUT: '2s',
  WORKER_POLL_INTERVAL: '50ms',
};
