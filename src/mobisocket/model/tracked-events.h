/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TRACKED_EVENTS_H
#define TRACKED_EVENTS_H

#include "ns3-compat.h"

#include "ns3/event-id.h"
#include "ns3/nstime.h"

#include <algorithm>
#include <functional>
#include <vector>

namespace ns3
{

/**
 * \ingroup mobisocket
 * \brief The events an object scheduled on itself (CPU delays of a
 *        signature or a MAC, mostly), so that it can cancel every one of them
 *        before it goes: they hold raw pointers to it.
 */
class TrackedEvents
{
  public:
    /// Cancels what is still pending.
    ~TrackedEvents()
    {
        CancelAll();
    }

    /**
     * \brief Schedule an event and keep it (forgetting those that ran).
     * \param delay when
     * \param event what
     */
    void Schedule(Time delay, std::function<void()> event)
    {
        m_events.erase(std::remove_if(m_events.begin(),
                                      m_events.end(),
                                      [](const EventId& e) { return e.IsExpired(); }),
                       m_events.end());
        m_events.push_back(ScheduleLambda(delay, std::move(event)));
    }

    /// Cancel every pending event.
    void CancelAll()
    {
        for (EventId& event : m_events)
        {
            event.Cancel();
        }
        m_events.clear();
    }

  private:
    std::vector<EventId> m_events; //!< scheduled, perhaps run already
};

} // namespace ns3

#endif /* TRACKED_EVENTS_H */
