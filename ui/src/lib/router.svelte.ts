// The tiny hash router: `router.route` is { screen, params } as $state, kept in step with
// location.hash. No SvelteKit: seven screens do not need one.

import { hrefOf, parseHash, type Route } from "./route";

class Router {
  route = $state<Route>(parseHash(typeof location === "undefined" ? "" : location.hash));

  constructor() {
    if (typeof window !== "undefined") {
      window.addEventListener("hashchange", () => {
        this.route = parseHash(location.hash);
      });
    }
  }

  go(route: Route): void {
    const href = hrefOf(route);
    if (location.hash === href) {
      this.route = route;
    } else {
      location.hash = href;
    }
  }
}

export const router = new Router();
