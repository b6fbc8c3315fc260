// danfojs declares its types only under package.json "exports", which this project's
// `moduleResolution: node` does not read; point the bare specifier at the same declarations.
declare module 'danfojs' {
  export * from 'danfojs/dist/danfojs-browser/src/index';
}
