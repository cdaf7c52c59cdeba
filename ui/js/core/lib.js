// The UI toolkit in one place: Preact, its hooks and htm's tagged
// templates, so components import a single module.
import { h, render, Component, Fragment, createContext, createRef, createPortal } from 'preact';
import {
  useState, useEffect, useRef, useMemo, useCallback, useLayoutEffect,
  useContext, useReducer, useId,
} from 'preact/hooks';
import htm from 'htm';

/** html is the tagged template that builds Preact elements. */
export const html = htm.bind(h);

export {
  h, render, Component, Fragment, createContext, createRef, createPortal,
  useState, useEffect, useRef, useMemo, useCallback, useLayoutEffect,
  useContext, useReducer, useId,
};
