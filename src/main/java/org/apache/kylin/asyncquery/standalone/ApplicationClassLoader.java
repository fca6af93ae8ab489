package org.apache.kylin.asyncquery.standalone;

import java.beans.PropertyChangeListener;

import org.apache.catalina.Context;
import org.apache.catalina.Loader;

/**
 * Runs the embedded web application on the application's own class loader instead of a Tomcat web-app class
 * loader. There is nothing to isolate in an embedded server, and Hadoop caches thread context class loaders in
 * long-lived threads and service lookups: a web-app loader would be left stopped under them once Tomcat stops.
 */
final class ApplicationClassLoader implements Loader {
    private Context context;

    @Override
    public ClassLoader getClassLoader() {
        return StandaloneServer.class.getClassLoader();
    }

    @Override
    public Context getContext() {
        return context;
    }

    @Override
    public void setContext(Context context) {
        this.context = context;
    }

    @Override
    public void backgroundProcess() {
    }

    @Override
    public boolean getDelegate() {
        return true;
    }

    @Override
    public void setDelegate(boolean delegate) {
    }

    @Override
    public boolean getReloadable() {
        return false;
    }

    @Override
    public void setReloadable(boolean reloadable) {
    }

    @Override
    public void addPropertyChangeListener(PropertyChangeListener listener) {
    }

    @Override
    public boolean modified() {
        return false;
    }

    @Override
    public void removePropertyChangeListener(PropertyChangeListener listener) {
    }
}
