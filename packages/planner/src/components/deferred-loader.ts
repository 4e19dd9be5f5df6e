import type { ReactiveControllerHost } from 'lit';
import type { ProjectFlowsController, ProjectFlowsOptions } from './project-flows-controller.ts';

/**
 * Loads `deferred.ts` (the banners, the inbox, the dialogs and the project flows) once, right
 * after the first paint or when a flow is asked for first. Its elements are rendered only once
 * `ready`, so each is created with its properties set, as if it had always been there.
 */
export class DeferredLoader {
  readonly #host: ReactiveControllerHost;
  readonly #options: ProjectFlowsOptions;
  #load: Promise<void> | undefined;
  #flows: ProjectFlowsController | undefined;

  constructor(host: ReactiveControllerHost, options: ProjectFlowsOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** `deferred.ts` has loaded: its elements are defined. */
  get ready(): boolean {
    return this.#flows !== undefined;
  }

  /** The project flows (new, open, delete), once loaded. */
  get flows(): ProjectFlowsController | undefined {
    return this.#flows;
  }

  /** Loads it (once) and answers the flows once the host has rendered the deferred elements. */
  async load(): Promise<ProjectFlowsController> {
    this.#load ??= import('./deferred.ts').then(({ ProjectFlowsController }) => {
      this.#flows = new ProjectFlowsController(this.#host, this.#options);
      this.#host.requestUpdate();
    });
    await this.#load;
    await this.#host.updateComplete;
    // Set by the load above.
    return this.#flows!;
  }
}
