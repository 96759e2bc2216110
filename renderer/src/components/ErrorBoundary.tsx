import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Changing this key (e.g. the route) clears the error. */
  resetKey: string;
}
interface State {
  error: Error | null;
  componentStack: string;
}

/**
 * Catches render errors in the main pane: shows what broke and offers a way back, instead of a
 * blank window. Stored plans are untouched because storage writes never happen during render.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, componentStack: '' };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? '' });
    console.warn('Cluster Planner caught a render error:', error.message);
  }

  override componentDidUpdate(prev: Props): void {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null, componentStack: '' });
  }

  override render(): ReactNode {
    const { error, componentStack } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error-boundary" role="alert" data-testid="error-boundary">
        <h2>This view hit an error</h2>
        <p>
          <strong>{error.name}:</strong> {error.message}
        </p>
        <p>Your plans are stored separately and are not affected. Go back and carry on, or reload the window.</p>
        <div className="row">
          <button
            type="button"
            onClick={() => {
              window.location.hash = '/plans';
              this.setState({ error: null, componentStack: '' });
            }}
          >
            Back to Plans
          </button>
          <button type="button" className="secondary" onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
        <details>
          <summary>Technical details</summary>
          <pre>{(error.stack ?? '') + componentStack}</pre>
        </details>
      </div>
    );
  }
}
