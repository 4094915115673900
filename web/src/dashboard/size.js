// The width of an element in CSS pixels, kept current as it is resized
// (a phone turned, a window narrowed): the charts draw at their real size so
// that their text stays readable rather than being scaled down with them.
import { useEffect, useRef, useState } from 'preact/hooks';

export function useWidth(fallback = 800) {
  const ref = useRef(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => setWidth(Math.max(280, Math.floor(el.clientWidth)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
