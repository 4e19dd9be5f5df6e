import type { OperationContext } from '../../../operations/operation-context.ts';
import type { Services } from '../../../services.ts';

/**
 * The context of the operations modules the routes call: the same operations (and audit
 * lines) as the CLI's, with this instance's caches dropped at once.
 */
export const adminOperations = (services: Services): OperationContext => ({
  ...services,
  actor: 'admin_api',
});
