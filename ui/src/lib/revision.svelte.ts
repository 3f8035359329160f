// A global counter of successful writes. Screens read `revision.value` inside an effect, so every
// screen reloads its view model from Rust after any change is applied. Rust stays the source of
// truth; there is no client-side cache to invalidate.

class Revision {
  value = $state(0);

  bump(): void {
    this.value += 1;
  }
}

export const revision = new Revision();
