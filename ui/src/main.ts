import { mount } from "svelte";
import Root from "./Root.svelte";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/print.css";

const target = document.getElementById("app");
if (!target) throw new Error("missing #app");
export default mount(Root, { target });
