// Library build (ESM) of the React app for Airflow's UI: one file the plugin's FastAPI app
// serves and Airflow's UI import()s. React, its JSX runtime, ReactDOM, React Router, Chakra UI
// and Emotion are not bundled: Airflow puts its own on globalThis for plugins, so the app
// renders with Airflow's React and Chakra instance, inside its theme (light/dark included).
import externalGlobals from "rollup-plugin-external-globals";
import { defineConfig } from "vite";

const HOST_GLOBALS: Record<string, string> = {
  react: "globalThis.React",
  "react/jsx-runtime": "globalThis.ReactJSXRuntime",
  "react-dom": "globalThis.ReactDOM",
  "react-router-dom": "globalThis.ReactRouterDOM",
  "@chakra-ui/react": "globalThis.ChakraUI",
  "@emotion/react": "globalThis.EmotionReact",
};

export default defineConfig({
  esbuild: { jsx: "automatic" },
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: "../include/airvault/airflow/page/static/ui",
    emptyOutDir: false, // a failed build keeps the committed bundle
    target: "es2022",
    sourcemap: false,
    lib: { entry: "src/main.tsx", formats: ["es"], fileName: () => "airvault.js" },
    rollupOptions: {
      external: Object.keys(HOST_GLOBALS),
      plugins: [externalGlobals(HOST_GLOBALS)],
    },
  },
});
