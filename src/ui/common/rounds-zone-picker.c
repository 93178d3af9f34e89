/* rounds-zone-picker.c
 *
 * Copyright 2026 The Rounds developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "rounds-zone-picker"

#include "config.h"

#include <glib/gi18n.h>

#include "rounds-zone-catalog.h"
#include "rounds-zone-picker.h"

/* The time-zone picker: a button that says the chosen zone ("New York,
 * United States (UTC−05:00)") and opens a list to search by any part of
 * a city's or a country's name, each row with the zone's UTC offset and
 * its time now. What is a zone, how it is named and what a search finds
 * is the core's (rounds-zone-catalog.h); this draws it. A GtkDropDown
 * cannot do it in GTK 4.8: its search only matches the start of a
 * string. */

struct _RoundsZonePicker
{
  AdwBin            parent_instance;

  /* template widgets */
  GtkMenuButton    *button;
  GtkPopover       *popover;
  GtkSearchEntry   *search_entry;
  GtkStack         *results_stack;
  GtkListView      *list_view;
  GtkLabel         *button_label;

  /* owned; the catalog is read when the list is first opened (it checks
   * every zone file), the chosen zone alone before that */
  GListModel       *catalog;
  GtkCustomFilter  *filter;
  GtkFilterListModel *matches;
  GtkSingleSelection *selection;
  RoundsZone       *zone;
};

G_DEFINE_FINAL_TYPE (RoundsZonePicker, rounds_zone_picker, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ZONE_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
filter_zone (gpointer item,
             gpointer user_data)
{
  RoundsZonePicker *self = user_data;

  return rounds_zone_matches (ROUNDS_ZONE (item),
                              gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
update_button (RoundsZonePicker *self)
{
  g_autofree char *offset = NULL;
  g_autofree char *text = NULL;
  char *name = NULL;

  if (self->zone == NULL)
    {
      gtk_label_set_text (self->button_label, "");
      return;
    }

  offset = rounds_zone_format_offset (self->zone, now ());
  if (g_str_has_prefix (rounds_zone_get_title (self->zone), "UTC"))
    text = g_strdup (rounds_zone_get_title (self->zone));   /* not "UTC (UTC+00:00)" */
  else
    /* TRANSLATORS: the chosen time zone and its offset: "New York, United States (UTC−05:00)" */
    text = g_strdup_printf (_("%s (%s)"), rounds_zone_get_title (self->zone), offset);
  gtk_label_set_text (self->button_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), rounds_zone_get_id (self->zone));
  /* Named once, here: the row around the picker does not label it (no
   * activatable-widget), so a screen reader does not say "Time zone"
   * twice. */
  /* TRANSLATORS: the time-zone button's accessible name: "Time zone: New York, United States (UTC−05:00)" */
  name = g_strdup_printf (_("Time zone: %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_free (name);
}

static void
set_zone (RoundsZonePicker *self,
          RoundsZone       *zone)
{
  if (self->zone == zone)
    return;
  if (self->zone != NULL && zone != NULL
      && g_str_equal (rounds_zone_get_id (self->zone), rounds_zone_get_id (zone)))
    {
      g_set_object (&self->zone, zone);   /* the same zone, made again */
      return;
    }
  g_set_object (&self->zone, zone);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZONE_ID]);
}

/* Rows ----------------------------------------------------------------- */

static void
on_setup_row_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), details);
  gtk_list_item_set_child (item, box);
}

static void
on_bind_row_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  RoundsZone *zone = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_next_sibling (title);
  g_autofree char *line = rounds_zone_format_details (zone, now ());
  g_autofree char *name = NULL;

  gtk_label_set_text (GTK_LABEL (title), rounds_zone_get_title (zone));
  gtk_label_set_text (GTK_LABEL (details), line);

  /* GTK 4.8 has no public row widget for a GtkListView (GtkListItem is
   * not a widget): the row a screen reader lands on is the ancestor
   * with the list-item role, named here whenever it shows a zone. */
  /* TRANSLATORS: a time zone row's accessible name: "New York, United States, UTC−05:00 · now 09:41" */
  name = g_strdup_printf (_("%s, %s"), rounds_zone_get_title (zone), line);
  for (GtkWidget *w = gtk_widget_get_parent (box); w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (w)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
      {
        gtk_accessible_update_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
        break;
      }
    else if (GTK_IS_LIST_VIEW (w))
      break;
}

/* Callbacks ------------------------------------------------------------ */

/* Reads the zone list the first time it is needed; the zone chosen
 * before then is replaced by the list's own entry for it. */
static void
ensure_catalog (RoundsZonePicker *self)
{
  g_autoptr(RoundsZone) zone = NULL;
  guint pos;

  if (self->catalog != NULL)
    return;

  self->catalog = rounds_zone_catalog_new (NULL);
  gtk_filter_list_model_set_model (self->matches, self->catalog);
  if (self->zone == NULL)
    return;
  pos = rounds_zone_catalog_ensure (self->catalog, rounds_zone_get_id (self->zone));
  if (pos == G_MAXUINT)
    return;
  zone = g_list_model_get_item (self->catalog, pos);
  set_zone (self, zone);   /* the same id: no notify */
}

static void
show_results (RoundsZonePicker *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matches));

  gtk_stack_set_visible_child_name (self->results_stack, n > 0 ? "list" : "empty");
}

static void
on_search_changed_cb (RoundsZonePicker *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->matches)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
    }
  show_results (self);
}

static void
choose (RoundsZonePicker *self,
        guint             position)
{
  g_autoptr(RoundsZone) zone = g_list_model_get_item (G_LIST_MODEL (self->matches), position);

  if (zone == NULL)
    return;
  set_zone (self, zone);
  gtk_popover_popdown (self->popover);
}

static void
on_search_activate_cb (RoundsZonePicker *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  choose (self, selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
}

static void
on_stop_search_cb (RoundsZonePicker *self)
{
  gtk_popover_popdown (self->popover);
}

static void
on_list_activate_cb (RoundsZonePicker *self,
                     guint             position)
{
  choose (self, position);
}

static gboolean
on_search_key_pressed_cb (GtkEventControllerKey *controller,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          gpointer               user_data)
{
  RoundsZonePicker *self = user_data;

  /* Down from the search goes into the list, as in GTK's own drop-downs. */
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    return gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
  return FALSE;
}

static void
on_popover_show_cb (RoundsZonePicker *self)
{
  guint pos = GTK_INVALID_LIST_POSITION;

  ensure_catalog (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  on_search_changed_cb (self);
  if (self->zone != NULL)
    pos = rounds_zone_catalog_find (G_LIST_MODEL (self->matches), rounds_zone_get_id (self->zone));
  if (pos != G_MAXUINT && pos != GTK_INVALID_LIST_POSITION)
    {
      gtk_single_selection_set_selected (self->selection, pos);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", pos);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* GObject -------------------------------------------------------------- */

static gboolean
rounds_zone_picker_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (ROUNDS_ZONE_PICKER (widget)->button));
}

static gboolean
rounds_zone_picker_mnemonic_activate (GtkWidget *widget,
                                      gboolean   group_cycling)
{
  RoundsZonePicker *self = ROUNDS_ZONE_PICKER (widget);

  return gtk_widget_mnemonic_activate (GTK_WIDGET (self->button), group_cycling);
}

static void
rounds_zone_picker_dispose (GObject *object)
{
  RoundsZonePicker *self = ROUNDS_ZONE_PICKER (object);

  g_clear_object (&self->zone);
  g_clear_object (&self->selection);
  g_clear_object (&self->matches);
  g_clear_object (&self->catalog);

  G_OBJECT_CLASS (rounds_zone_picker_parent_class)->dispose (object);
}

static void
rounds_zone_picker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RoundsZonePicker *self = ROUNDS_ZONE_PICKER (object);

  switch (prop_id)
    {
    case PROP_ZONE_ID:
      g_value_set_string (value, rounds_zone_picker_get_zone_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_zone_picker_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RoundsZonePicker *self = ROUNDS_ZONE_PICKER (object);

  switch (prop_id)
    {
    case PROP_ZONE_ID:
      rounds_zone_picker_set_zone_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rounds_zone_picker_class_init (RoundsZonePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rounds_zone_picker_dispose;
  object_class->get_property = rounds_zone_picker_get_property;
  object_class->set_property = rounds_zone_picker_set_property;
  widget_class->mnemonic_activate = rounds_zone_picker_mnemonic_activate;
  widget_class->grab_focus = rounds_zone_picker_grab_focus;

  properties[PROP_ZONE_ID] =
    g_param_spec_string ("zone-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/rounds-zone-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, RoundsZonePicker, button);
  gtk_widget_class_bind_template_child (widget_class, RoundsZonePicker, popover);
  gtk_widget_class_bind_template_child (widget_class, RoundsZonePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RoundsZonePicker, results_stack);
  gtk_widget_class_bind_template_child (widget_class, RoundsZonePicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, RoundsZonePicker, button_label);
  gtk_widget_class_bind_template_callback (widget_class, on_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate_cb);
}

static void
rounds_zone_picker_init (RoundsZonePicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_zone, self, NULL);
  self->matches = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->matches)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

/* Public API ----------------------------------------------------------- */

/**
 * rounds_zone_picker_get_zone_id:
 *
 * Returns: (nullable): the chosen zone's IANA name.
 */
const char *
rounds_zone_picker_get_zone_id (RoundsZonePicker *self)
{
  g_return_val_if_fail (ROUNDS_IS_ZONE_PICKER (self), NULL);

  return self->zone != NULL ? rounds_zone_get_id (self->zone) : NULL;
}

/**
 * rounds_zone_picker_set_zone_id:
 *
 * Chooses the zone named @zone_id. A valid zone that the zone tables do
 * not list (an old name, "US/Eastern") is added to the list, so it is
 * kept; an unknown one chooses UTC.
 */
void
rounds_zone_picker_set_zone_id (RoundsZonePicker *self,
                                const char       *zone_id)
{
  guint pos;
  g_autoptr(RoundsZone) zone = NULL;

  g_return_if_fail (ROUNDS_IS_ZONE_PICKER (self));

  if (self->catalog == NULL)
    {
      if (zone_id != NULL)
        zone = rounds_zone_lookup (NULL, zone_id);
      if (zone == NULL)
        zone = rounds_zone_lookup (NULL, "UTC");
      if (zone != NULL)
        set_zone (self, zone);
      return;
    }

  pos = rounds_zone_catalog_ensure (self->catalog, zone_id);
  if (pos == G_MAXUINT)
    pos = rounds_zone_catalog_find (self->catalog, "UTC");
  if (pos == G_MAXUINT)
    return;
  zone = g_list_model_get_item (self->catalog, pos);
  set_zone (self, zone);
}

/**
 * rounds_zone_picker_get_matches:
 *
 * Returns: (transfer none): the zones the list shows for the search typed.
 */
GListModel *
rounds_zone_picker_get_matches (RoundsZonePicker *self)
{
  g_return_val_if_fail (ROUNDS_IS_ZONE_PICKER (self), NULL);

  ensure_catalog (self);
  return G_LIST_MODEL (self->matches);
}
