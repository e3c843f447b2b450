// The one ApiClient the stores use; main.ts installs the real one, tests install a fake.
import type { ApiClient } from './apiClient.ts';

let current: ApiClient | undefined;

export function installApi(api: ApiClient): void {
  current = api;
}

export function useApi(): ApiClient {
  if (!current) throw new Error('installApi() must run before the stores use the API');
  return current;
}
