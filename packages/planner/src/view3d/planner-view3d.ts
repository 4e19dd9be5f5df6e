import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { PerspectiveCamera, Raycaster, Spherical, Vector2, Vector3, WebGLRenderer } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { dispatchAction } from '../components/actions.ts';
import { base } from '../components/styles.ts';
import type { CatalogIndex, Design } from '../editor/design.ts';
import type { View3dText } from '../text/view3d-text.ts';
import { DesignScene } from './scene.ts';
import { isWalkKey, WalkCamera } from './walk.ts';
import { softwareRendering, WebglUnavailableError } from './webgl.ts';

export const ANNOUNCE_EVENT = 'planner-announce';
export const UNAVAILABLE_EVENT = 'planner-view3d-unavailable';

/** A press-and-release that moved less than this (px) is a click that selects. */
const CLICK_SLOP_PX = 5;

export type CameraMode = 'orbit' | 'walk';

/** What the GPU still held when the view last closed (three.js's `renderer.info.memory`). */
export interface ReleasedMemory {
  geometries: number;
  textures: number;
}

/**
 * The design in 3D (issue 11): walls with their openings, the floor and each piece at its
 * height, drawn by three.js. Orbit around the room or walk through it at eye height; clicking
 * a piece selects it (the app keeps the selection, so 2D shows the same one). Draws only when
 * something changed, not every frame, so an idle 3D view costs nothing.
 *
 * Everything it made on the GPU is freed when it leaves the page (`disconnectedCallback`).
 */
@customElement('planner-view3d')
export class PlannerView3d extends LitElement {
  @property({ attribute: false }) design!: Design;
  /** Its words, in the current language (`text/view3d-text.ts`; the planner app gives them). */
  @property({ attribute: false }) text!: View3dText;
  @property({ attribute: false }) catalog: CatalogIndex = new Map();
  @property({ attribute: false }) selectedId: string | null = null;
  /**
   * What re-renders it in a new language (the app takes a new locale once its strings have
   * loaded). Not `@localized()`: its controller, shared by the 3D chunk and the entry, makes
   * the bundler split the first paint into more scripts (as planner-room-tools.ts says).
   */
  @property({ attribute: false }) locale: string | undefined;
  @state() private _mode: CameraMode = 'orbit';

  @query('canvas') private _canvasEl!: HTMLCanvasElement;

  /** For tests and diagnostics: what three.js still held after the last teardown. */
  static lastReleased: ReleasedMemory | null = null;

  #renderer: WebGLRenderer | undefined;
  #scene: DesignScene | undefined;
  #orbitCamera = new PerspectiveCamera(50, 1, 0.05, 100);
  #walkCamera = new PerspectiveCamera(70, 1, 0.05, 100);
  #walk: WalkCamera | undefined;
  #controls: OrbitControls | undefined;
  #resize: ResizeObserver | undefined;
  #frame = 0;
  #walkFrame = 0;
  #lastStep = 0;
  #down: { x: number; y: number; id: number } | null = null;
  #raycaster = new Raycaster();

  /** The renderer, once running (tests read `info` from it). */
  get renderer(): WebGLRenderer | undefined {
    return this.#renderer;
  }

  get mode(): CameraMode {
    return this._mode;
  }

  #isSoftware: boolean | undefined;
  /** Asked on a throw-away context: multisampling is chosen when the renderer's context is made. */
  #software(): boolean {
    if (this.#isSoftware === undefined) {
      const gl = document.createElement('canvas').getContext('webgl2');
      this.#isSoftware = !!gl && softwareRendering(gl);
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    }
    return this.#isSoftware;
  }

  protected override firstUpdated(): void {
    try {
      this.#renderer = new WebGLRenderer({ canvas: this._canvasEl, antialias: !this.#software() });
    } catch (error) {
      this.dispatchEvent(
        new CustomEvent(UNAVAILABLE_EVENT, {
          detail: new WebglUnavailableError(error),
          bubbles: true,
          composed: true,
        }),
      );
      return;
    }
    this.#renderer.setPixelRatio(this.#software() ? 1 : Math.min(devicePixelRatio || 1, 2));
    this.#controls = new OrbitControls(this.#orbitCamera, this._canvasEl);
    this.#controls.enableDamping = false;
    this.#controls.maxPolarAngle = Math.PI / 2 - 0.05;
    this.#controls.addEventListener('change', () => this.#draw());
    this.#build();
    this.#frameRoom();
    this.#resize = new ResizeObserver(() => this.#fit());
    this.#resize.observe(this);
    this.#fit();
    this.#announce(this.text.orbitHelp);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!this.#renderer) return;
    if (changed.has('design') || changed.has('catalog')) {
      if (changed.get('design') !== undefined || changed.get('catalog') !== undefined) this.#build();
    }
    if (changed.has('selectedId')) this.#scene?.select(this.selectedId);
    this.#draw();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#teardown();
  }

  /** Orbit around the room, or walk through it. */
  setMode(mode: CameraMode): void {
    if (mode === this._mode) return;
    this._mode = mode;
    if (this.#controls) this.#controls.enabled = mode === 'orbit';
    this.#walk?.release();
    if (mode === 'walk') this.#walk?.reset();
    this.#announce(mode === 'walk' ? this.text.walkHelp : this.text.orbitHelp);
    this.#fit();
  }

  #build(): void {
    this.#scene?.dispose();
    this.#scene = new DesignScene(this.design, this.catalog);
    this.#scene.select(this.selectedId);
    const { bounds } = this.#scene;
    const walk = new WalkCamera(this.#walkCamera, bounds);
    // A rebuilt scene (the design changed) keeps the walker where they stood.
    if (this.#walk) {
      walk.yaw = this.#walk.yaw;
      walk.pitch = this.#walk.pitch;
    } else walk.reset();
    this.#walk = walk;
  }

  /** Looks at the room from above one corner, far enough back to see all of it. */
  #frameRoom(): void {
    const b = this.#scene!.bounds;
    const centre = new Vector3((b.minX + b.maxX) / 2, 0, (b.minZ + b.maxZ) / 2);
    const size = Math.max(b.maxX - b.minX, b.maxZ - b.minZ, 2);
    this.#controls!.target.copy(centre);
    // From above the front wall, steep enough to see the whole floor past the pieces.
    this.#orbitCamera.position.set(centre.x - size * 0.25, size * 1.25, centre.z + size * 0.95);
    this.#controls!.maxDistance = size * 4;
    this.#controls!.minDistance = 0.5;
    this.#controls!.update();
  }

  get #camera(): PerspectiveCamera {
    return this._mode === 'walk' ? this.#walkCamera : this.#orbitCamera;
  }

  #fit(): void {
    const renderer = this.#renderer;
    if (!renderer) return;
    const w = Math.max(1, this._canvasEl.clientWidth);
    const h = Math.max(1, this._canvasEl.clientHeight);
    renderer.setSize(w, h, false);
    for (const camera of [this.#orbitCamera, this.#walkCamera]) {
      camera.aspect = w / h;
      camera.updateProjectionMatrix();
    }
    this.#draw();
  }

  /** One frame at the next animation frame, however many changes asked for it. */
  #draw(): void {
    if (!this.#renderer || this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.drawNow();
    });
  }

  /** Draws now (tests and screenshots need the pixels before the next frame). */
  drawNow(): void {
    if (!this.#renderer || !this.#scene) return;
    this.#scene.cutAway(this._mode === 'walk' ? null : this.#orbitCamera.position);
    this.#renderer.render(this.#scene.scene, this.#camera);
  }

  #walkLoop = (now: number): void => {
    const walk = this.#walk;
    if (!walk?.moving) {
      this.#walkFrame = 0;
      return;
    }
    walk.step(this.#lastStep ? (now - this.#lastStep) / 1000 : 1 / 60);
    this.#lastStep = now;
    this.drawNow();
    this.#walkFrame = requestAnimationFrame(this.#walkLoop);
  };

  #onKeyDown(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (this._mode === 'walk') {
      if (!isWalkKey(e.key)) return;
      e.preventDefault();
      this.#walk?.press(e.key);
      if (!this.#walkFrame) {
        this.#lastStep = 0;
        this.#walkFrame = requestAnimationFrame(this.#walkLoop);
      }
      return;
    }
    const controls = this.#controls;
    if (!controls) return;
    const offset = this.#orbitCamera.position.clone().sub(controls.target);
    const s = new Spherical().setFromVector3(offset);
    const step = e.shiftKey ? 0.3 : 0.1;
    if (e.key === 'ArrowLeft') s.theta -= step;
    else if (e.key === 'ArrowRight') s.theta += step;
    else if (e.key === 'ArrowUp') s.phi -= step;
    else if (e.key === 'ArrowDown') s.phi += step;
    else if (e.key === '+' || e.key === '=') s.radius *= 0.9;
    else if (e.key === '-' || e.key === '_') s.radius /= 0.9;
    else return;
    e.preventDefault();
    s.makeSafe();
    this.#orbitCamera.position.copy(controls.target).add(offset.setFromSpherical(s));
    // Clamps to the controls' limits (not under the floor, not too far) and draws.
    controls.update();
  }

  #onKeyUp(e: KeyboardEvent): void {
    this.#walk?.release(e.key);
  }

  #onPointerDown(e: PointerEvent): void {
    this.#down = { x: e.clientX, y: e.clientY, id: e.pointerId };
    if (this._mode === 'walk') this._canvasEl.setPointerCapture?.(e.pointerId);
  }

  #onPointerMove(e: PointerEvent): void {
    const down = this.#down;
    if (this._mode !== 'walk' || !down || down.id !== e.pointerId) return;
    this.#walk?.look(e.movementX, e.movementY);
    this.drawNow();
  }

  #onPointerUp(e: PointerEvent): void {
    const down = this.#down;
    this.#down = null;
    if (!down || down.id !== e.pointerId) return;
    if (Math.hypot(e.clientX - down.x, e.clientY - down.y) > CLICK_SLOP_PX) return;
    const id = this.pickAt(e.clientX, e.clientY);
    dispatchAction(this, { type: 'select', id });
  }

  /** The piece under a point of the page (client pixels), or null. */
  pickAt(clientX: number, clientY: number): string | null {
    if (!this.#scene) return null;
    const r = this._canvasEl.getBoundingClientRect();
    const ndc = new Vector2(((clientX - r.left) / r.width) * 2 - 1, -((clientY - r.top) / r.height) * 2 + 1);
    this.#raycaster.setFromCamera(ndc, this.#camera);
    this.#scene.cutAway(this._mode === 'walk' ? null : this.#orbitCamera.position);
    return this.#scene.pick(this.#raycaster);
  }

  /** Where a piece's centre appears on the page (client pixels), for tests that click it. */
  screenPoint(id: string): { x: number; y: number } | null {
    const group = this.#scene?.item(id)?.group;
    if (!group) return null;
    const p = new Vector3(0, 0.3, 0).applyMatrix4(group.matrixWorld).project(this.#camera);
    const r = this._canvasEl.getBoundingClientRect();
    return { x: r.left + ((p.x + 1) / 2) * r.width, y: r.top + ((1 - p.y) / 2) * r.height };
  }

  #announce(text: string): void {
    this.dispatchEvent(new CustomEvent(ANNOUNCE_EVENT, { detail: text, bubbles: true, composed: true }));
  }

  #teardown(): void {
    cancelAnimationFrame(this.#frame);
    cancelAnimationFrame(this.#walkFrame);
    this.#frame = 0;
    this.#walkFrame = 0;
    this.#resize?.disconnect();
    this.#controls?.dispose();
    this.#scene?.dispose();
    const renderer = this.#renderer;
    if (renderer) {
      const { geometries, textures } = renderer.info.memory;
      PlannerView3d.lastReleased = { geometries, textures };
      renderer.renderLists.dispose();
      renderer.dispose();
      // Chromium keeps at most 16 live WebGL contexts: give ours back now, not at GC.
      renderer.forceContextLoss();
    }
    this.#renderer = undefined;
    this.#scene = undefined;
    this.#controls = undefined;
  }

  override render() {
    const names = this.selectedId
      ? this.text.item(
          this.catalog.get(this.design.items.find((i) => i.id === this.selectedId)?.catalog_id ?? ''),
        )
      : null;
    const t = this.text;
    return html`
      <div class="bar" role="toolbar" aria-label=${t.bar}>
        <button type="button" class="btn small" aria-pressed=${this._mode === 'orbit' ? 'true' : 'false'} @click=${() => this.setMode('orbit')}>${t.orbit}</button>
        <button type="button" class="btn small" aria-pressed=${this._mode === 'walk' ? 'true' : 'false'} @click=${() => this.setMode('walk')}>${t.walk}</button>
        <span class="help">${this._mode === 'walk' ? t.walkHelp : t.orbitHelp}</span>
      </div>
      <canvas
        tabindex="0"
        role="img"
        aria-label=${t.canvas(this.design.items.length, names)}
        @keydown=${(e: KeyboardEvent) => this.#onKeyDown(e)}
        @keyup=${(e: KeyboardEvent) => this.#onKeyUp(e)}
        @blur=${() => this.#walk?.release()}
        @pointerdown=${(e: PointerEvent) => this.#onPointerDown(e)}
        @pointermove=${(e: PointerEvent) => this.#onPointerMove(e)}
        @pointerup=${(e: PointerEvent) => this.#onPointerUp(e)}
        @pointercancel=${() => {
          this.#down = null;
        }}
      ></canvas>
    `;
  }

  static override styles = [
    base,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 8px;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
      }
      .btn[aria-pressed='true'] {
        border-color: var(--pl-accent);
        color: var(--pl-accent);
      }
      .help {
        color: var(--pl-muted);
        font-size: 13px;
      }
      canvas {
        display: block;
        width: 100%;
        height: clamp(240px, 60vh, 620px);
        border-radius: var(--pl-radius);
        border: 1px solid var(--pl-border);
        touch-action: none;
        cursor: grab;
      }
      canvas:focus-visible {
        outline: 2px solid var(--pl-accent);
        outline-offset: 2px;
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'planner-view3d': PlannerView3d;
  }
}
