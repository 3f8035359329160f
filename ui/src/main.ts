import { mount } from "svelte";
import App from "./App.svelte";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/print.css";

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");
export default mount(App, { target });
